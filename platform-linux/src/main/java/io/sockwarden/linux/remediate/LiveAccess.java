package io.sockwarden.linux.remediate;

import io.sockwarden.linux.netns.NamespaceThread;
import io.sockwarden.model.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a live kernel parameter is opened: by the calling thread, in the agent's own network
 * namespace, or by a thread inside another namespace. A {@code /proc/sys/net/*} file belongs to the
 * namespace of the thread that opens it, so reading, writing and even checking that a key exists
 * must all happen on the same side.
 */
public interface LiveAccess {
  /** Runs {@code action} on the side this access stands for. */
  <T> T call(IoAction<T> action) throws IOException;

  /** An action on {@code /proc/sys}. */
  @FunctionalInterface
  interface IoAction<T> {
    T run() throws IOException;
  }

  /** The calling thread, in the agent's own namespace. */
  LiveAccess HERE =
      new LiveAccess() {
        @Override
        public <T> T call(IoAction<T> action) throws IOException {
          return action.run();
        }
      };

  /**
   * A thread inside {@code namespace}, entered for each action with {@code setns(2)} (and checked
   * to be the namespace discovery saw: a reused pid is refused, not written through).
   */
  static LiveAccess inside(NetworkNamespace namespace, NamespaceThread thread) {
    return new LiveAccess() {
      @Override
      public <T> T call(IoAction<T> action) throws IOException {
        try {
          return thread.run(Path.of(namespace.entry()), namespace.inode(), action::run);
        } catch (NamespaceThread.NotEntered e) {
          throw new IOException(
              "network namespace "
                  + namespace.describe()
                  + (e.gone() ? " is gone (" : " could not be entered (")
                  + e.getMessage()
                  + ")",
              e);
        }
      }
    };
  }
}
