package io.sockwarden.model;

import java.nio.file.Path;

/**
 * What differs between operating systems for the agent itself, as opposed to the host it judges:
 * where its own files live, which files it trusts, how it writes durably, and whether it may change
 * the host. The agent's core asks these of the {@link Platform} instead of spelling out POSIX paths
 * and modes.
 */
public interface HostConventions {
  /** {@code /etc/sockwarden/agent.yaml}, or {@code %ProgramData%\Sockwarden\agent.yaml}. */
  Path defaultConfigFile();

  /** {@code /etc/sockwarden/rules.d}, or {@code %ProgramData%\Sockwarden\rules.d}. */
  Path defaultRulesDir();

  /** {@code /var/lib/sockwarden}, or {@code %ProgramData%\Sockwarden\state}. */
  Path defaultStateDir();

  /** {@code /var/cache/sockwarden}, or {@code %ProgramData%\Sockwarden\cache}. */
  Path defaultCacheDir();

  /** Which files the agent may load configuration, rules and state from. */
  FileTrust trust();

  /** How the agent replaces files durably on this platform. */
  DurableFiles files();

  /** Whether this process may change the host: root on Linux, an elevated administrator. */
  boolean privileged();

  /** What {@link #privileged()} requires, for messages: {@code root (run it with sudo)}. */
  String privilegeRequirement();
}
