package io.sockwarden.windows;

import io.sockwarden.model.DurableFiles;
import io.sockwarden.model.FileTrust;
import io.sockwarden.model.HostConventions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The agent's own files on Windows: {@code %ProgramData%\Sockwarden} ({@code agent.yaml}, {@code
 * rules.d}, {@code state}, {@code cache}), ACL trust, durable writes without POSIX modes, and an
 * elevated administrator as the privilege to change the host.
 */
public final class WindowsConventions implements HostConventions {
  private final Path home;
  private final FileTrust trust;
  private final BooleanSupplier elevated;
  private final DurableFiles files = DurableFiles.windows();

  /**
   * @param programData {@code %ProgramData%}, normally {@code C:\ProgramData}
   * @param trust the ACL check
   * @param elevated whether the process is elevated (asked each time)
   */
  public WindowsConventions(Path programData, FileTrust trust, BooleanSupplier elevated) {
    this.home = programData.resolve("Sockwarden");
    this.trust = trust;
    this.elevated = elevated;
  }

  /**
   * The ProgramData known folder (normally {@code C:\ProgramData}) as the shell reports it, so that
   * the command line and the service agree on it whatever their environments say; else {@code
   * %ProgramData%}; else {@code C:\ProgramData}.
   */
  public static Path programData() {
    Optional<String> known = JnaKnownFolders.programData();
    if (known.isPresent()) {
      return Path.of(known.get());
    }
    String env = System.getenv("ProgramData");
    return Path.of(env == null || env.isBlank() ? "C:\\ProgramData" : env);
  }

  @Override
  public Path defaultConfigFile() {
    return home.resolve("agent.yaml");
  }

  @Override
  public Path defaultRulesDir() {
    return home.resolve("rules.d");
  }

  @Override
  public Path defaultStateDir() {
    return home.resolve("state");
  }

  @Override
  public Path defaultCacheDir() {
    return home.resolve("cache");
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
    return elevated.getAsBoolean();
  }

  @Override
  public String privilegeRequirement() {
    return "an elevated administrator (Run as administrator)";
  }
}
