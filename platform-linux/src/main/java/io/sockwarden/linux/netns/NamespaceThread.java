package io.sockwarden.linux.netns;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs code inside another network namespace on a dedicated thread, with {@code setns(2)}: never a
 * child process per namespace.
 *
 * <p>{@code setns(fd, CLONE_NEWNET)} moves only the calling thread. Everything that binds to a
 * namespace when it is opened ({@code /proc/sys/net/*}, netlink sockets, {@code
 * /proc/thread-self/net/*}) must therefore be opened by the task on this thread; {@code /proc/net}
 * and {@code /proc/self/net} follow the thread-group leader and still show the agent's own
 * namespace. After each visit the thread returns to the namespace it started in (a descriptor of it
 * opened before entering); if it cannot, the thread is retired and a fresh one serves the next
 * visit, so no later work of the agent runs in a namespace it did not choose.
 *
 * <p>Entering is checked: the namespace the thread ends up in must have the inode discovery saw, so
 * a process that exited and whose pid was reused elsewhere is reported as gone rather than scanned
 * under the wrong name.
 */
public final class NamespaceThread implements AutoCloseable {
  private static final int CLONE_NEWNET = 0x40000000;
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;

  /** The libc functions a visit needs. */
  interface LibC extends Library {
    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private static final class LibcHolder {
    static final LibC INSTANCE;
    static final String FAILURE;

    static {
      LibC lib = null;
      String failure = null;
      try {
        lib = Native.load("libc.so.6", LibC.class);
      } catch (LinkageError e) {
        failure = "cannot load libc through JNA: " + e;
      }
      INSTANCE = lib;
      FAILURE = failure;
    }
  }

  /** The namespace could not be visited: it is gone, or the thread may not enter it. */
  public static final class NotEntered extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean gone;

    NotEntered(String message, boolean gone) {
      super(message);
      this.gone = gone;
    }

    /** Whether it no longer exists (as opposed to: exists but could not be entered). */
    public boolean gone() {
      return gone;
    }
  }

  private final long timeoutSeconds;
  private ExecutorService thread;
  private int retired;

  /**
   * @param timeoutSeconds how long one visit may take before the caller gives up on it (the thread
   *     is then retired: it may still be inside the namespace)
   */
  public NamespaceThread(long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
    this.thread = newThread();
  }

  /**
   * One thread, which ends after a while without visits (a later visit starts another, from the
   * caller's namespace), so that an instance nobody closes holds no thread for long.
   */
  private static ExecutorService newThread() {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            1,
            1,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "sockwarden-netns");
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private static final long IDLE_SECONDS = 10;

  /** Whether {@code setns} can be called here (JNA and libc load). */
  public static boolean available() {
    return LibcHolder.INSTANCE != null;
  }

  /** How many threads were retired because they could not return to their namespace. */
  public int retired() {
    return retired;
  }

  /**
   * Runs {@code task} inside the namespace {@code entry} refers to, which must have inode {@code
   * inode}, and returns its result.
   *
   * @param entry {@code /proc/PID/ns/net} or a bind mount of a namespace
   * @throws NotEntered when the namespace is gone, is not the one expected, or cannot be entered
   * @throws IOException when the task throws it, or the thread fails
   */
  public <T> T run(Path entry, long inode, Callable<T> task) throws NotEntered, IOException {
    if (LibcHolder.INSTANCE == null) {
      throw new NotEntered(LibcHolder.FAILURE, false);
    }
    Visit<T> visit = new Visit<>(entry, inode, task);
    Future<T> result = thread.submit(visit);
    try {
      return result.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      retire();
      throw new IOException(
          "the visit to " + entry + " took longer than " + timeoutSeconds + " s; abandoned");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (visit.stranded) {
        retire();
      }
      Throwable cause = e.getCause();
      if (cause instanceof NotEntered n) {
        throw n;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(String.valueOf(cause), cause);
    } finally {
      if (visit.stranded && !thread.isShutdown()) {
        retire();
      }
    }
  }

  private void retire() {
    thread.shutdownNow();
    thread = newThread();
    retired++;
  }

  /** One visit, run on the dedicated thread. */
  private static final class Visit<T> implements Callable<T> {
    private final Path entry;
    private final long inode;
    private final Callable<T> task;

    /** Set when the thread could not return to its namespace: it must not run anything else. */
    volatile boolean stranded;

    Visit(Path entry, long inode, Callable<T> task) {
      this.entry = entry;
      this.inode = inode;
      this.task = task;
    }

    @Override
    public T call() throws Exception {
      LibC c = LibcHolder.INSTANCE;
      int home = c.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
      try {
        int target;
        try {
          target = c.open(entry.toString(), O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
          boolean gone = e.getErrorCode() == 2 || e.getErrorCode() == 3; // ENOENT, ESRCH
          throw new NotEntered(
              entry + ": " + (gone ? "gone" : "cannot open (errno " + e.getErrorCode() + ")"),
              gone);
        }
        try {
          c.setns(target, CLONE_NEWNET);
        } catch (LastErrorException e) {
          // EINVAL: the file is not a network namespace (a pid reused by a kernel thread, or a
          // bind mount that was replaced); EPERM: not allowed.
          throw new NotEntered(
              entry
                  + ": setns failed (errno "
                  + e.getErrorCode()
                  + (e.getErrorCode() == 1 ? ": entering a namespace needs root" : "")
                  + ")",
              e.getErrorCode() == 22);
        } finally {
          c.close(target);
        }
        try {
          long now =
              NetnsDiscovery.inode(Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")));
          if (now != inode) {
            throw new NotEntered(
                entry
                    + " now refers to net:["
                    + now
                    + "], not net:["
                    + inode
                    + "]: the namespace"
                    + " seen at discovery is gone",
                true);
          }
          return task.call();
        } finally {
          try {
            c.setns(home, CLONE_NEWNET);
          } catch (LastErrorException e) {
            stranded = true;
          }
        }
      } finally {
        c.close(home);
      }
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
