package io.sockwarden.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces files so that they survive a crash or a power loss and a reader never sees a mix: the
 * content goes to a temporary file in the same directory, which is written completely (looping on
 * short writes) and fsynced, then renamed over the target; on POSIX the directory is fsynced too
 * (Windows has no directory fsync: its rename is made durable by the file system's log). Never
 * writes through a symbolic link or over something that is not a regular file. If any step fails (a
 * full disk), the temporary file is removed and the previous content stays as it was.
 *
 * <p>One instance per platform ({@link #posix()}, {@link #windows()}); thread-safe.
 */
public final class DurableFiles {
  private static final Set<PosixFilePermission> PRIVATE_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> PRIVATE_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC_FILE =
      PosixFilePermissions.fromString("rw-r--r--");

  /** Who may read a file written. */
  public enum Visibility {
    /** Only the owner (mode 0600): the agent's journal and state. */
    PRIVATE,
    /** Everyone may read (mode 0644): configuration the host reads, reports, metrics. */
    PUBLIC
  }

  private final boolean posix;

  private DurableFiles(boolean posix) {
    this.posix = posix;
  }

  /** With POSIX modes and directory fsync (Linux). */
  public static DurableFiles posix() {
    return new DurableFiles(true);
  }

  /** Without POSIX modes or directory fsync (Windows; access comes from the directory's ACL). */
  public static DurableFiles windows() {
    return new DurableFiles(false);
  }

  /** Creates {@code dir} and missing parents, private to the owner (0700 on POSIX). */
  public void ensurePrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
    } else {
      Files.createDirectories(dir);
    }
  }

  /**
   * Replaces {@code target} with {@code content}.
   *
   * @throws IOException when {@code target} is a symbolic link or not a regular file, or any step
   *     fails; then {@code target} is unchanged
   */
  public void write(Path target, byte[] content, Visibility visibility) throws IOException {
    refuseLinkOrSpecial(target);
    Path dir = target.toAbsolutePath().getParent();
    Path temp = createTemp(dir, target.getFileName().toString(), visibility);
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      refuseLinkOrSpecial(target);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(dir);
  }

  /** Removes {@code target} if it exists (never following a link) and syncs its directory. */
  public void delete(Path target) throws IOException {
    refuseLinkOrSpecial(target);
    if (Files.deleteIfExists(target)) {
      syncDirectory(target.toAbsolutePath().getParent());
    }
  }

  /** Makes a rename or removal in {@code dir} durable (POSIX only; nothing to do on Windows). */
  public void syncDirectory(Path dir) throws IOException {
    if (!posix) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private Path createTemp(Path dir, String name, Visibility visibility) throws IOException {
    if (!posix) {
      return Files.createTempFile(dir, "." + name + ".", ".tmp");
    }
    FileAttribute<Set<PosixFilePermission>> mode =
        PosixFilePermissions.asFileAttribute(
            visibility == Visibility.PRIVATE ? PRIVATE_FILE : PUBLIC_FILE);
    Path temp = Files.createTempFile(dir, "." + name + ".", ".tmp", mode);
    // The umask may have taken bits away from the mode asked for at creation.
    Files.setPosixFilePermissions(
        temp, visibility == Visibility.PRIVATE ? PRIVATE_FILE : PUBLIC_FILE);
    return temp;
  }

  private static void refuseLinkOrSpecial(Path target) throws IOException {
    if (Files.isSymbolicLink(target)) {
      throw new IOException(
          target
              + " is a symbolic link; refusing to write through it (remove it or replace it with"
              + " a regular file)");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " is not a regular file; refusing to replace it");
    }
  }
}
