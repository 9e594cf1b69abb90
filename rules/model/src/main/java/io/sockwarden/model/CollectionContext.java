package io.sockwarden.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a platform looks for host state. Every host path can be pointed elsewhere, for tests,
 * containers and chroots (the convention of node_exporter's {@code --path.*} flags).
 *
 * @param procRoot the proc file system, normally {@code /proc}
 * @param root prefix for configuration files such as {@code /etc/sysctl.d}, normally {@code /}
 * @param stateDir the agent's state directory, normally {@code /var/lib/sockwarden}
 */
public record CollectionContext(Path procRoot, Path root, Path stateDir) {
  public CollectionContext {
    Objects.requireNonNull(procRoot, "procRoot");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(stateDir, "stateDir");
  }

  /** {@code absolutePath} (such as {@code /etc/sysctl.d}) under {@link #root}. */
  public Path underRoot(String absolutePath) {
    return root.resolve(absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath);
  }
}
