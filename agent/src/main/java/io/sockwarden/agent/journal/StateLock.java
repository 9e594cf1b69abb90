package io.sockwarden.agent.journal;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.ExitCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
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
   * @throws AgentException with exit code 1 naming the holder when another agent has it
   */
  public static StateLock acquire(Path stateDir, String command) {
    Path file = stateDir.resolve("lock");
    try {
      DurableFiles.ensureDirectory(stateDir);
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = ch.tryLock();
      if (lock == null) {
        String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        ch.close();
        throw new AgentException(
            ExitCodes.OPERATIONAL,
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
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(true);
      return new StateLock(ch, lock);
    } catch (IOException e) {
      throw new AgentException(
          ExitCodes.OPERATIONAL, "cannot take the lock " + file + ": " + e.getMessage());
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
