package io.sockwarden.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.agent.cli.ExitCodes;
import io.sockwarden.testing.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real CLI, as a separate process, inside a network namespace whose sysctls the test sets:
 * the real /proc, the real kernel, nothing on the host changed.
 */
@EnabledOnOs(OS.LINUX)
class ScanInNetnsTest {
  @TempDir Path dir;
  String[] common;

  @BeforeEach
  void setUp() throws Exception {
    Netns.assumeAvailable();
    Path root = Files.createDirectories(dir.resolve("root"));
    Path rules = Files.createDirectories(dir.resolve("rules.d"));
    Path config = Files.writeString(dir.resolve("agent.yaml"), "fail-on: warning\n");
    common =
        new String[] {
          "--root", root.toString(),
          "--state-dir", dir.resolve("state").toString(),
          "--config", config.toString(),
          "--rules-dir", rules.toString()
        };
  }

  private String[] args(String... more) {
    String[] all = new String[more.length + common.length];
    System.arraycopy(more, 0, all, 0, more.length);
    System.arraycopy(common, 0, all, more.length, common.length);
    return all;
  }

  @Test
  void lowSomaxconnAndSyncookiesOffAreReportedWithExitThree() throws Exception {
    Netns.Result r =
        Netns.run(
            "echo 128 > /proc/sys/net/core/somaxconn\n"
                + "echo 0 > /proc/sys/net/ipv4/tcp_syncookies\n"
                + "readlink /proc/self/ns/net >&2\n"
                + "exec "
                + AgentProcesses.agentCommand(args("scan", "--format", "json")),
            120);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(r.out())
        .contains("\"ruleId\" : \"LNX-SOMAXCONN-LOW\"")
        .contains("\"ruleId\" : \"LNX-SYNCOOKIES-OFF\"")
        .contains("\"from\" : \"128\"");
    // The namespace the agent reported is the one the script ran in, not the host's.
    String scriptNs = r.err().lines().findFirst().orElseThrow().strip();
    assertThat(r.out()).contains("\"networkNamespace\" : \"" + scriptNs + "\"");
    assertThat(scriptNs)
        .isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
  }

  @Test
  void healthyValuesExitZero() throws Exception {
    Netns.Result r =
        Netns.run(
            "echo 4096 > /proc/sys/net/core/somaxconn\n"
                + "echo 1 > /proc/sys/net/ipv4/tcp_syncookies\n"
                + "exec "
                + AgentProcesses.agentCommand(args("scan")),
            120);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("Verdict: compliant");
  }

  @Test
  void narrowPortRangeIsReportedWithAWiderProposal() throws Exception {
    Netns.Result r =
        Netns.run(
            "echo '40000 40999' > /proc/sys/net/ipv4/ip_local_port_range\n"
                + "exec "
                + AgentProcesses.agentCommand(args("scan")),
            120);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(r.out())
        .contains("LNX-EPHEMERAL-RANGE-NARROW")
        .contains("proposed: net.ipv4.ip_local_port_range: 40000 40999 -> 32768 60999");
  }
}
