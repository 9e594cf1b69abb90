package io.sockwarden.linux.remediate;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Crash-safe file replacement: the content goes to a temporary file in the same directory, which is
 * fsynced, given its mode, renamed over the target, and the directory is fsynced; a reader sees the
 * old file or the new one, never a mix. Never writes through a symbolic link.
 */
public final class AtomicFiles {
  static final Set<PosixFilePermission> MODE_0644 = PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code content}, mode 0644.
   *
   * @throws IOException when {@code target} is a symbolic link, or any step fails (the temporary
   *     file is removed)
   */
  public static void write(Path target, byte[] content) throws IOException {
    refuseSymlink(target);
    Path dir = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(content));
        ch.force(true);
      }
      Files.setPosixFilePermissions(temp, MODE_0644);
      refuseSymlink(target);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    fsyncDirectory(dir);
  }

  /** Removes {@code target} if it exists (never following a link) and fsyncs its directory. */
  public static void delete(Path target) throws IOException {
    refuseSymlink(target);
    if (Files.deleteIfExists(target)) {
      fsyncDirectory(target.toAbsolutePath().getParent());
    }
  }

  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  static void refuseSymlink(Path target) throws IOException {
    if (Files.isSymbolicLink(target)) {
      throw new IOException(
          target
              + " is a symbolic link; refusing to write through it (remove it or replace it"
              + " with a regular file)");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " is not a regular file; refusing to replace it");
    }
  }
}
