package io.sockwarden.linux;

import com.sun.security.auth.module.UnixSystem;
import io.sockwarden.model.DurableFiles;
import io.sockwarden.model.FileTrust;
import io.sockwarden.model.HostConventions;
import java.nio.file.Path;

/**
 * The agent's own files on Linux: the FHS paths a package installs ({@code /etc/sockwarden}, {@code
 * /var/lib/sockwarden}, {@code /var/cache/sockwarden}), POSIX owner and mode trust, durable writes
 * with directory fsync, and root as the privilege to change the host.
 */
public final class LinuxConventions implements HostConventions {
  private final long uid;
  private final FileTrust trust;
  private final DurableFiles files = DurableFiles.posix();

  public LinuxConventions() {
    this(currentUid());
  }

  /**
   * @param uid the uid the agent runs as (a test seam)
   */
  public LinuxConventions(long uid) {
    this.uid = uid;
    this.trust = new PosixFileTrust(uid);
  }

  static long currentUid() {
    try {
      return new UnixSystem().getUid();
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      return -1;
    }
  }

  @Override
  public Path defaultConfigFile() {
    return Path.of("/etc/sockwarden/agent.yaml");
  }

  @Override
  public Path defaultRulesDir() {
    return Path.of("/etc/sockwarden/rules.d");
  }

  @Override
  public Path defaultStateDir() {
    return Path.of("/var/lib/sockwarden");
  }

  @Override
  public Path defaultCacheDir() {
    return Path.of("/var/cache/sockwarden");
  }

  @Override
  public FileTrust trust() {
    return trust;
  }

  @Override
  public DurableFiles files() {
    return files;
  }

  @Override
  public boolean privileged() {
    return uid == 0;
  }

  @Override
  public String privilegeRequirement() {
    return "root (run it with sudo)";
  }
}
