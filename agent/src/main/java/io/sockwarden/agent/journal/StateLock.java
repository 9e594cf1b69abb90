package io.sockwarden.agent.journal;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.model.DurableFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Only one agent changes the host at a time: an exclusive {@code flock} on {@code
 * <state-dir>/lock}, which the kernel releases when the holder exits or dies. The file names the
 * holder so that a second agent can say who it is.
 */
public final class StateLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock or fails at once.
   *
   * @throws AgentException (operational) naming the holder when another agent has it, or saying why
   *     the lock file cannot be opened (permission, read-only file system)
   */
  public static StateLock acquire(Path stateDir, String command, DurableFiles files) {
    Path file = stateDir.resolve("lock");
    try {
      files.ensurePrivateDirectory(stateDir);
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = ch.tryLock();
      if (lock == null) {
        String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        ch.close();
        throw new AgentException(
            Failure.OPERATIONAL,
            "another sockwarden is changing this host ("
                + (holder.isEmpty() ? "holder unknown" : holder)
                + "); lock "
                + file);
      }
      String me =
          "pid "
              + ProcessHandle.current().pid()
              + ", sockwarden "
              + command
              + ", since "
              + Instant.now();
      try {
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(true);
      } catch (IOException e) {
        // The flock is the lock; the holder's description only helps a second agent say who
        // holds it. A full disk must not stop a rollback from being attempted.
      }
      return new StateLock(ch, lock);
    } catch (AccessDeniedException e) {
      throw new AgentException(
          Failure.OPERATIONAL,
          "cannot take the lock "
              + file
              + ": permission denied (the state directory belongs to another user; run as its"
              + " owner or as root)");
    } catch (FileSystemException e) {
      String reason = e.getReason() != null ? e.getReason() : e.getMessage();
      throw new AgentException(
          Failure.OPERATIONAL,
          "cannot take the lock "
              + file
              + ": "
              + (reason.toLowerCase(java.util.Locale.ROOT).contains("read-only")
                  ? "the state directory is on a read-only file system"
                  : reason));
    } catch (IOException e) {
      throw new AgentException(
          Failure.OPERATIONAL, "cannot take the lock " + file + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the kernel releases the lock when the file is closed or the process exits
    }
  }
}
