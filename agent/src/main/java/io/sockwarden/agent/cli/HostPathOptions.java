package io.sockwarden.agent.cli;

import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.Platform;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where host state is read: every host path can be pointed elsewhere (tests, containers, chroots).
 */
public final class HostPathOptions {
  @Option(
      names = "--proc-root",
      paramLabel = "DIR",
      defaultValue = "/proc",
      description = "The proc file system to read (default: ${DEFAULT-VALUE}).")
  Path procRoot;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = "/",
      description =
          "Prefix for host configuration files: the sysctl.d directories, /etc/sysctl.conf, the"
              + " agent's own sysctl file (default: ${DEFAULT-VALUE}).")
  Path root;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "The agent's state directory: journal, counter baseline (default: /var/lib/sockwarden;"
              + " on Windows %%ProgramData%%\\Sockwarden\\state).")
  Path stateDir;

  CollectionContext context(Platform platform) {
    return new CollectionContext(
        procRoot, root, stateDir != null ? stateDir : platform.conventions().defaultStateDir());
  }
}
