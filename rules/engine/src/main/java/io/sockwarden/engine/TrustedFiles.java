package io.sockwarden.engine;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks that a file the agent loads code or configuration from cannot have been written by someone
 * with fewer privileges than the agent: rules run inside the agent, which runs as root.
 *
 * <p>A file (or directory) is trusted when it is owned by root or by the user the agent runs as,
 * and is writable by neither its group nor others. Symbolic links are followed: the target is what
 * is checked. On a file system without POSIX ownership (Windows) every file is trusted here; the
 * Windows service checks ACLs separately.
 */
public final class TrustedFiles {
  private static final int GROUP_OR_OTHER_WRITABLE = 0022;
  private final long agentUid;

  private TrustedFiles(long agentUid) {
    this.agentUid = agentUid;
  }

  /** A checker for the user this JVM runs as. */
  public static TrustedFiles forCurrentUser() {
    long uid = 0;
    try {
      uid = new UnixSystem().getUid();
    } catch (UnsatisfiedLinkError | RuntimeException notUnix) {
      uid = -1;
    }
    return new TrustedFiles(uid);
  }

  /**
   * Why {@code path} is not trusted, or empty when it is.
   *
   * @param path a regular file or directory
   */
  public Optional<String> problem(Path path) {
    if (agentUid < 0 || !path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return Optional.empty();
    }
    try {
      int uid = (Integer) Files.getAttribute(path, "unix:uid");
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      if (uid != 0 && uid != agentUid) {
        return Optional.of(
            "owned by uid "
                + uid
                + "; must be owned by root"
                + (agentUid != 0 ? " or uid " + agentUid : "")
                + " because its contents run inside the agent");
      }
      if ((mode & GROUP_OR_OTHER_WRITABLE) != 0) {
        return Optional.of(
            String.format(
                "mode %04o is writable by group or others; run: chmod go-w %s",
                mode & 07777, path));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot read its owner and mode: " + e.getMessage());
    }
  }
}
