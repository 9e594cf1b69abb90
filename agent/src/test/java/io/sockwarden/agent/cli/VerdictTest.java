package io.sockwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.agent.CliRun;
import io.sockwarden.agent.FakeHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facts never pass silently: what a rule cannot judge is said, and never called compliant. */
class VerdictTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  FakeHost host;

  @BeforeEach
  void setUp() {
    host = new FakeHost(dir);
  }

  @Test
  void anUnparsableValueMakesTheScanIncompleteNotCompliant() throws Exception {
    host.sysctl("net.core.somaxconn", "abc");
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.OPERATIONAL);
    assertThat(run.out())
        .contains("Not evaluated (1)")
        .contains("LNX-SOMAXCONN-LOW")
        .contains("net.core.somaxconn: unparsable: 'abc' is not a number")
        .contains(host.proc.resolve("sys/net/core/somaxconn").toString())
        .contains("Verdict: incomplete")
        .doesNotContain("Verdict: compliant");

    JsonNode doc = JSON.readTree(CliRun.of(host.args("scan", "--format", "json")).out());
    assertThat(doc.get("verdict").asText()).isEqualTo("incomplete");
    assertThat(doc.get("compliant").asBoolean()).isFalse();
    assertThat(doc.get("complete").asBoolean()).isFalse();
    assertThat(doc.get("unevaluatedRules"))
        .anySatisfy(
            u -> {
              assertThat(u.get("ruleId").asText()).isEqualTo("LNX-SOMAXCONN-LOW");
              assertThat(u.get("cause").asText()).isEqualTo("missing fact");
              assertThat(u.get("leavesIncomplete").asBoolean()).isTrue();
              assertThat(u.get("reason").asText()).contains("'abc'");
            });
    assertThat(doc.get("factGaps"))
        .anySatisfy(g -> assertThat(g.get("kind").asText()).isEqualTo("unparsable"));
  }

  @Test
  void allowIncompleteExitsZeroButStillSaysSo() {
    host.sysctl("net.core.somaxconn", "abc");
    CliRun run = CliRun.of(host.args("scan", "--allow-incomplete"));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Verdict: incomplete");
  }

  @Test
  void findingsWinOverIncompletenessAndSayBoth() {
    host.sysctl("net.core.somaxconn", "abc").sysctl("net.ipv4.tcp_syncookies", "0");
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out())
        .contains("LNX-SYNCOOKIES-OFF")
        .contains("Verdict: 2 findings at or above warning; also incomplete: 1 rule was not");
  }

  @Test
  void aParameterAnOlderKernelLacksMakesItsRulesNotApplicableAndTheHostStillCompliant()
      throws Exception {
    Files.delete(host.proc.resolve("sys/net/ipv4/tcp_max_tw_buckets"));
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .contains("Not applicable on this host")
        .contains("LNX-TIME-WAIT-PRESSURE")
        .contains("Verdict: compliant");
  }

  @Test
  void aFactNeededOnlyForTheChangeDoesNotHideTheFinding() throws Exception {
    // Three sockets in TIME_WAIT against tcp_max_tw_buckets = 4, and tcp_tw_reuse unreadable.
    host.sysctl("net.ipv4.tcp_max_tw_buckets", "4");
    Files.delete(host.proc.resolve("sys/net/ipv4/tcp_tw_reuse"));
    Files.createDirectory(host.proc.resolve("sys/net/ipv4/tcp_tw_reuse"));
    host.tcp(
        "   1: 0100007F:9C40 0500000A:1538 06 00000000:00000000 00:00000000 00000000     0        0 0 1",
        "   2: 0100007F:9C41 0500000A:1538 06 00000000:00000000 00:00000000 00000000     0        0 0 1",
        "   3: 0100007F:9C42 0500000A:1538 06 00000000:00000000 00:00000000 00000000     0        0 0 1");
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out())
        .contains("LNX-TIME-WAIT-PRESSURE")
        .contains("tcp_tw_reuse is unknown")
        .doesNotContain("proposed: net.ipv4.tcp_tw_reuse");
  }
}
