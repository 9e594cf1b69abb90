package io.sockwarden.agent.cli;

import io.sockwarden.model.CollectionContext;
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
      defaultValue = "/var/lib/sockwarden",
      description = "The agent's state directory (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  CollectionContext context() {
    return new CollectionContext(procRoot, root, stateDir);
  }
}
