package io.sockwarden.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.model.FileTrust;
import io.sockwarden.model.Policy;
import io.sockwarden.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  /** Trusts what no one but the owner can write: the shape of the platforms' checks. */
  static final FileTrust OWNER_WRITABLE_ONLY =
      path -> {
        try {
          Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
          return mode.contains(PosixFilePermission.GROUP_WRITE)
                  || mode.contains(PosixFilePermission.OTHERS_WRITE)
              ? Optional.of("writable by group or others")
              : Optional.empty();
        } catch (IOException e) {
          return Optional.of(e.getMessage());
        }
      };

  final ConfigLoader loader =
      new ConfigLoader(OWNER_WRITABLE_ONLY, Path.of("/etc/sockwarden/rules.d"));

  private Path config(String yaml) throws Exception {
    Path file = dir.resolve("agent.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private AgentException failure(Path file) {
    try {
      loader.load(file, true);
    } catch (AgentException e) {
      return e;
    }
    throw new AssertionError("expected a configuration error for " + file);
  }

  @Test
  void absentDefaultFileMeansDefaults() {
    AgentConfig c = loader.load(dir.resolve("absent.yaml"), false);
    assertThat(c.policy()).isEqualTo(Policy.DEFAULTS);
    assertThat(c.failOn()).isEqualTo(Severity.WARNING);
  }

  @Test
  void absentExplicitFileIsAUsageError() {
    AgentException e = failure(dir.resolve("absent.yaml"));
    assertThat(e.failure()).isEqualTo(Failure.INVALID);
    assertThat(e.getMessage()).contains("absent.yaml").contains("not found");
  }

  @Test
  void readsPolicyAndKeepsDefaultsForTheRest() throws Exception {
    AgentConfig c =
        loader.load(
            config(
                "policy:\n  somaxconn-min: 8192\n  ephemeral-ports-min: 50000\n"
                    + "fail-on: critical\nrules-dirs: [/srv/rules]\n"),
            true);
    assertThat(c.policy().somaxconnMin()).isEqualTo(8192);
    assertThat(c.policy().ephemeralPortsMin()).isEqualTo(50000);
    assertThat(c.policy().synBacklogMin()).isEqualTo(Policy.DEFAULTS.synBacklogMin());
    assertThat(c.failOn()).isEqualTo(Severity.CRITICAL);
    assertThat(c.rulesDirs()).containsExactly(Path.of("/srv/rules"));
  }

  @Test
  void emptyFileMeansDefaults() throws Exception {
    assertThat(loader.load(config(""), true).policy()).isEqualTo(Policy.DEFAULTS);
  }

  @Test
  void unknownKeyIsNamedWithItsLine() throws Exception {
    AgentException e = failure(config("policy:\n  somaxconn-min: 8192\n  somaxcon-max: 1\n"));
    assertThat(e.failure()).isEqualTo(Failure.INVALID);
    assertThat(e.getMessage())
        .contains("agent.yaml:3:")
        .contains("policy.somaxcon-max")
        .contains("somaxconn-min");
  }

  @Test
  void wrongTypeIsNamedWithItsLine() throws Exception {
    AgentException e = failure(config("policy:\n  somaxconn-min: lots\n"));
    assertThat(e.getMessage()).contains("agent.yaml:2:").contains("policy.somaxconn-min");
  }

  @Test
  void outOfRangeValueIsNamed() throws Exception {
    AgentException e = failure(config("policy:\n  file-max-used-percent: 150\n"));
    assertThat(e.getMessage()).contains("policy.file-max-used-percent = 150");
  }

  @Test
  void badSeverityAndRelativeRulesDirAreNamed() throws Exception {
    assertThat(failure(config("fail-on: urgent\n")).getMessage()).contains("fail-on");
    assertThat(failure(config("rules-dirs: [rules]\n")).getMessage())
        .contains("rules-dirs")
        .contains("absolute");
  }

  @Test
  void invalidYamlIsAUsageError() throws Exception {
    AgentException e = failure(config("policy: [unclosed\n"));
    assertThat(e.failure()).isEqualTo(Failure.INVALID);
    assertThat(e.getMessage()).contains("agent.yaml");
  }

  @Test
  void worldWritableConfigIsRefused() throws Exception {
    Path file = config("fail-on: info\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertThatThrownBy(() -> loader.load(file, true))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("writable by group or others");
  }

  @Test
  void journalRetentionIsReadAndBounded() throws Exception {
    AgentConfig c = loader.load(config("journal:\n  keep: 5\n  max-age-days: 30\n"), true);
    assertThat(c.journalKeep()).isEqualTo(5);
    assertThat(c.journalMaxAge()).isEqualTo(java.time.Duration.ofDays(30));
    assertThat(loader.load(config("fail-on: info\n"), true).journalKeep())
        .isEqualTo(AgentConfig.DEFAULT_JOURNAL_KEEP);
    assertThat(failure(config("journal:\n  keep: 0\n")).getMessage())
        .contains("journal.keep = 0 is out of range");
    assertThat(failure(config("journal:\n  kept: 3\n")).getMessage())
        .contains(":2:")
        .contains("unknown key 'journal.kept'");
  }
}
