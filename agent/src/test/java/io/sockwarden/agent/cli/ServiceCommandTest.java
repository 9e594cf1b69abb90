package io.sockwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.agent.CliRun;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.config.ConfigLoader;
import io.sockwarden.model.DurableFiles;
import io.sockwarden.model.FileTrust;
import io.sockwarden.model.HostConventions;
import io.sockwarden.model.ServiceHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code sockwarden service}: what runs on any OS (the Windows side is tested under Wine). */
class ServiceCommandTest {
  @TempDir Path tmp;

  @Test
  void outsideWindowsEverySubcommandSaysItIsForWindowsWithExitTwo() {
    for (String sub : List.of("run", "install", "uninstall", "status")) {
      CliRun run = CliRun.of("service", sub);
      assertThat(run.exitCode()).as(sub).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).as(sub).contains("is for Windows").contains("'sockwarden run'");
    }
  }

  @Test
  void listsItsSubcommandsWithCompleteSummaries() {
    CliRun run = CliRun.of("service", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("run", "install", "uninstall", "status");
    assertThat(CliRun.of("--help").out()).contains("service");
  }

  @Test
  void theServiceCommandLineIsShortAndKeepsNativeFilesInTheAgentsFolders() {
    List<String> line =
        ServiceCommand.commandLine(
            Path.of("C:/Program Files/Sockwarden/jre/bin/java.exe"),
            Path.of("C:/Program Files/Sockwarden/lib/sockwarden-agent-1.0.jar"),
            Path.of("C:/ProgramData/Sockwarden/cache"),
            Path.of("C:/ProgramData/Sockwarden/logs"));
    assertThat(line.get(0)).endsWith("java.exe");
    assertThat(line)
        .containsSequence(
            "-jar", Path.of("C:/Program Files/Sockwarden/lib/sockwarden-agent-1.0.jar").toString())
        .endsWith("service", "run")
        .contains("-Djna.tmpdir=" + Path.of("C:/ProgramData/Sockwarden/cache/jna"));
    assertThat(String.join(" ", line).length()).isLessThan(400);
  }

  @Test
  void statusLinesNameStatePidAndTheLastExitCode() {
    assertThat(ServiceCommand.describe(new ServiceHost.Status("running", 4242, 0, 0)))
        .isEqualTo("Sockwarden: running, pid 4242");
    assertThat(ServiceCommand.describe(new ServiceHost.Status("stopped", 0, 1066, 2)))
        .isEqualTo("Sockwarden: stopped, last exit code 2");
    assertThat(ServiceCommand.describe(new ServiceHost.Status("stopped", 0, 1067, 0)))
        .isEqualTo("Sockwarden: stopped, Win32 error 1067");
  }

  @Test
  void writesAValidDefaultConfigurationOnceAndNeverOverAnAdministratorsFile() throws Exception {
    HostConventions conventions = conventions(tmp.resolve("Sockwarden"));
    Path file = conventions.defaultConfigFile();

    Optional<Path> written =
        ServiceCommand.writeDefaultConfig(conventions, LoggerFactory.getLogger("test"));

    assertThat(written).contains(file);
    assertThat(tmp.resolve("Sockwarden/metrics")).isDirectory();
    AgentConfig config =
        new ConfigLoader(conventions.trust(), conventions.defaultRulesDir()).load(file, true);
    assertThat(config.service().metricsTextfile())
        .contains(tmp.resolve("Sockwarden").resolve("metrics").resolve("sockwarden.prom"));

    Files.writeString(file, "fail-on: critical\n");
    assertThat(ServiceCommand.writeDefaultConfig(conventions, LoggerFactory.getLogger("test")))
        .isEmpty();
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("fail-on: critical\n");
  }

  private static HostConventions conventions(Path home) {
    return new HostConventions() {
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
        return path -> Optional.empty();
      }

      @Override
      public DurableFiles files() {
        return DurableFiles.posix();
      }

      @Override
      public boolean privileged() {
        return false;
      }

      @Override
      public String privilegeRequirement() {
        return "root";
      }
    };
  }
}
