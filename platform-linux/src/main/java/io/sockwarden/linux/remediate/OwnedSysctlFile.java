package io.sockwarden.linux.remediate;

import io.sockwarden.model.DurableFiles;
import io.sockwarden.model.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent's own persistent sysctl file, {@code <root>/etc/sysctl.d/90-sockwarden.conf}: read and
 * written byte for byte, atomically, never through a symbolic link.
 */
final class OwnedSysctlFile implements Resource {
  static final String PREFIX = "file:";
  static final String RELATIVE = "etc/sysctl.d/90-sockwarden.conf";
  private static final DurableFiles FILES = DurableFiles.posix();
  private final Path path;

  OwnedSysctlFile(Path path) {
    this.path = path.toAbsolutePath();
  }

  Path path() {
    return path;
  }

  @Override
  public String id() {
    return PREFIX + path;
  }

  @Override
  public String describe() {
    return path.toString();
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    if (Files.isSymbolicLink(path)) {
      throw new IOException(
          path
              + " is a symbolic link; refusing to read or write through it (remove it or replace"
              + " it with a regular file)");
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(Files.readAllBytes(path));
  }

  @Override
  public void write(Optional<byte[]> content) throws IOException {
    if (content.isPresent()) {
      Files.createDirectories(path.getParent());
      FILES.write(path, content.get(), DurableFiles.Visibility.PUBLIC);
    } else {
      FILES.delete(path);
    }
  }
}
