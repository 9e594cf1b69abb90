package io.sockwarden.linux;

import io.sockwarden.model.FileTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * POSIX file trust: a file or directory is trusted when it is owned by root or by the user the
 * agent runs as, and is writable by neither its group nor others. Symbolic links are followed for
 * configuration and rules (the target is what is checked); the state directory itself must not be
 * one ({@link FileTrust#stateDirectoryProblem}).
 */
public final class PosixFileTrust implements FileTrust {
  private static final int GROUP_OR_OTHER_WRITABLE = 0022;
  private final long agentUid;

  /**
   * @param agentUid the uid the agent runs as
   */
  public PosixFileTrust(long agentUid) {
    this.agentUid = agentUid;
  }

  @Override
  public Optional<String> problem(Path path) {
    try {
      int uid = (Integer) Files.getAttribute(path, "unix:uid");
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      if (uid != 0 && uid != agentUid) {
        return Optional.of(
            "owned by uid "
                + uid
                + "; must be owned by root"
                + (agentUid != 0 ? " or uid " + agentUid : "")
                + " because the agent runs what it reads there");
      }
      if ((mode & GROUP_OR_OTHER_WRITABLE) != 0) {
        return Optional.of(
            String.format(
                "mode %04o is writable by group or others; run: chmod go-w %s",
                mode & 07777, path));
      }
      return Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of("cannot read its owner and mode: " + e.getMessage());
    }
  }
}
