package io.sockwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.agent.CliRun;
import io.sockwarden.agent.FakeHost;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;
  FakeHost host;

  @BeforeEach
  void setUp() {
    host = new FakeHost(dir);
  }

  @Test
  void onceRunsOneCycleAndExitsWithTheVerdict() {
    host.sysctl("net.core.somaxconn", "128");
    Path textfile = dir.resolve("sockwarden.prom");
    CliRun run = CliRun.of(host.args("run", "--once", "--metrics-textfile", textfile.toString()));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(host.state.resolve("reports/latest.json")).exists();
    assertThat(textfile).exists();
    host.sysctl("net.core.somaxconn", "4096");
    assertThat(CliRun.of(host.args("run", "--once")).exitCode()).isZero();
  }

  @Test
  void aBadConfigurationAtStartExitsTwoNamingFileLineAndKey() {
    host.write(host.config, "schedule:\n  every: 15m\n  splay: soon\n");
    CliRun run = CliRun.of(host.args("run", "--once"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(host.config + ": schedule.splay = 'soon'");
    assertThat(host.state.resolve("reports")).doesNotExist();
  }

  @Test
  void aTextfileThatNodeExporterWouldIgnoreIsRefused() {
    CliRun run =
        CliRun.of(
            host.args("run", "--once", "--metrics-textfile", dir.resolve("m.txt").toString()));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("must end in .prom");
  }
}
