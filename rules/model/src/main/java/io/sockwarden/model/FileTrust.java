package io.sockwarden.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the agent may load configuration, rules or its own state from a path. The agent runs as
 * root (or SYSTEM) and runs administrator rules inside itself, so anything it loads must not be
 * writable by someone with fewer privileges. Each platform says what that means for its files:
 * owner and mode bits on Linux, the ACL on Windows.
 */
@FunctionalInterface
public interface FileTrust {
  /** Why {@code path} (a file or directory) must not be loaded from, or empty when it may. */
  Optional<String> problem(Path path);

  /**
   * Why {@code dir}, the agent's state directory (journal, counters, reports), must not be used, or
   * empty when it may: it must not be a symbolic link, and must pass {@link #problem(Path)}.
   */
  default Optional<String> stateDirectoryProblem(Path dir) {
    if (Files.isSymbolicLink(dir)) {
      return Optional.of(
          "is a symbolic link; the state directory must be a real directory, because the agent"
              + " restores files from the journal inside it");
    }
    return problem(dir);
  }

  /** Trusts everything: for platforms and tests where no check applies. */
  FileTrust ANY = path -> Optional.empty();
}
