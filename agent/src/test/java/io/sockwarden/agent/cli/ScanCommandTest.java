package io.sockwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.agent.CliRun;
import io.sockwarden.agent.FakeHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  @TempDir Path dir;
  FakeHost host;

  @BeforeEach
  void setUp() {
    host = new FakeHost(dir);
  }

  @Test
  void modernDefaultsAreCompliant() {
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("No findings.").contains("Verdict: compliant");
    assertThat(run.out()).contains("fakehost");
  }

  @Test
  void lowSomaxconnAndCookiesOffExitThreeWithExplainedFindings() {
    host.sysctl("net.core.somaxconn", "128").sysctl("net.ipv4.tcp_syncookies", "0");
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out())
        .contains("LNX-SOMAXCONN-LOW")
        .contains("LNX-SYNCOOKIES-OFF")
        .contains("LNX-SYN-BACKLOG-LOW")
        .contains("proposed: net.core.somaxconn: 128 -> 4096")
        .contains("evidence: net.core.somaxconn = 128")
        .contains("Verdict: 3 findings at or above warning")
        .doesNotContain("\u001b[");
  }

  @Test
  void failOnCriticalIgnoresWarnings() {
    host.sysctl("net.core.somaxconn", "128");
    assertThat(CliRun.of(host.args("scan", "--fail-on", "critical")).exitCode())
        .isEqualTo(ExitCodes.OK);
    assertThat(CliRun.of(host.args("scan", "--fail-on", "INFO")).exitCode())
        .isEqualTo(ExitCodes.FINDINGS);
  }

  @Test
  void jsonFollowsTheDocumentedSchema() throws Exception {
    host.sysctl("net.core.somaxconn", "128");
    CliRun run = CliRun.of(host.args("scan", "--format", "json"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("kind").asText()).isEqualTo("scan");
    assertThat(doc.get("compliant").asBoolean()).isFalse();
    assertThat(doc.get("host").get("hostname").asText()).isEqualTo("fakehost");
    JsonNode finding = doc.get("findings").get(0);
    assertThat(finding.get("ruleId").asText()).isEqualTo("LNX-SOMAXCONN-LOW");
    assertThat(finding.get("severity").asText()).isEqualTo("warning");
    assertThat(finding.get("evidence").get(0).get("source").asText()).endsWith("somaxconn");
    JsonNode change = finding.get("changes").get(0);
    assertThat(change.get("type").asText()).isEqualTo("sysctl");
    assertThat(change.get("key").asText()).isEqualTo("net.core.somaxconn");
    assertThat(change.get("from").asText()).isEqualTo("128");
    assertThat(change.get("to").asText()).isEqualTo("4096");
  }

  @Test
  void missingProcEntriesAreListedNotFatal() throws Exception {
    Files.delete(host.proc.resolve("sys/net/ipv4/tcp_max_tw_buckets"));
    Files.delete(host.proc.resolve("net/sockstat6"));
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("Could not read (1)")
        .contains("net.ipv4.tcp_max_tw_buckets: not applicable: not present")
        .contains("Verdict: compliant");
    assertThat(run.err()).doesNotContain("Exception");
  }

  @Test
  void nothingReadableIsAnOperationalError() {
    CliRun run =
        CliRun.of(
            "scan",
            "--proc-root",
            dir.resolve("void").toString(),
            "--config",
            host.config.toString(),
            "--rules-dir",
            host.rules.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OPERATIONAL);
    assertThat(run.err()).contains("no live setting could be read");
  }

  @Test
  void writesTheReportToOutputFile() throws Exception {
    Path report = dir.resolve("report.json");
    CliRun run = CliRun.of(host.args("scan", "--format", "json", "--output", report.toString()));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(report)).contains("\"kind\" : \"scan\"");
  }

  @Test
  void unwritableOutputIsAnOperationalError() {
    CliRun run =
        CliRun.of(host.args("scan", "--output", dir.resolve("no/such/dir/r.txt").toString()));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OPERATIONAL);
    assertThat(run.err()).contains("cannot write the report");
  }

  @Test
  void overflowCountersSinceBootAreReported() {
    host.counters(573, 580, 0);
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out()).contains("LNX-LISTEN-OVERFLOW").contains("573 times since boot");
  }

  @Test
  void bootDriftNamesTheWinningFile() {
    host.rootFile("/usr/lib/sysctl.d/50-vendor.conf", "net.core.somaxconn = 1024\n");
    host.rootFile("/etc/sysctl.d/70-tuning.conf", "net.core.somaxconn = 8192\n");
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out())
        .contains("net.core.somaxconn is 4096 now but will be 8192 after a reboot")
        .contains("/etc/sysctl.d/70-tuning.conf:1 wins");
  }

  @Test
  void administratorRulesRunAlongsideBuiltIns() throws Exception {
    host.write(
        host.rules.resolve("local.drl"),
        String.join(
            "\n",
            "package local;",
            "import io.sockwarden.model.*;",
            "rule \"tw reuse must be 1\"",
            "  @id(\"SITE-TW-REUSE\") @severity(\"critical\")",
            "when",
            "  $s : Sysctl(key == \"net.ipv4.tcp_tw_reuse\", value != \"1\")",
            "then",
            "  insert(new FindingDraft(\"tcp_tw_reuse is \" + $s.value(), \"Site policy.\")",
            "      .evidence($s));",
            "end",
            ""));
    CliRun run = CliRun.of(host.args("scan", "--fail-on", "critical"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out()).contains("SITE-TW-REUSE").contains("tcp_tw_reuse is 2");
  }

  @Test
  void brokenRuleFileIsAUsageErrorWithFileAndLine() {
    host.write(
        host.rules.resolve("broken.drl"),
        "package local;\nrule \"x\" @id(\"SITE-X\") @severity(\"info\")\nwhen\n  Nope(\nthen\nend\n");
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(host.rules.resolve("broken.drl") + ":");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void brokenRuleFileLeavesTheCounterBaselineAlone() {
    host.write(
        host.rules.resolve("broken.drl"), "package local;\nrule \"x\"\nwhen\n  Nope(\nthen\nend\n");
    CliRun run = CliRun.of(host.args("scan", "--advance-counters"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(host.state.resolve("counters.json")).doesNotExist();
  }

  @Test
  void brokenRuleFileIsReportedBeforeAnUnreadableHost() {
    host.write(
        host.rules.resolve("broken.drl"), "package local;\nrule \"x\"\nwhen\n  Nope(\nthen\nend\n");
    CliRun run =
        CliRun.of(
            "scan",
            "--proc-root",
            dir.resolve("void").toString(),
            "--state-dir",
            host.state.toString(),
            "--config",
            host.config.toString(),
            "--rules-dir",
            host.rules.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("broken.drl").doesNotContain("no live setting");
  }

  @Test
  void groupWritableRuleFileIsRefused() throws Exception {
    Path rule = host.rules.resolve("ok.drl");
    host.write(rule, "package local;\n");
    Files.setPosixFilePermissions(rule, PosixFilePermissions.fromString("rw-rw-r--"));
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("ok.drl").contains("writable by group or others");
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.of("scan", "--bogus");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Unknown option: '--bogus'").contains("--help");
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun run = CliRun.of();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("a command is required");
  }

  @Test
  void helpListsTheExitCodes() {
    CliRun run = CliRun.of("scan", "--help");
    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).contains("Exit codes:").contains("77").contains("--proc-root");
  }

  @Test
  void countersRiseSinceTheScanThatAdvancedThem() {
    host.sysctl("kernel.random.boot_id", "11111111-2222-3333-4444-555555555555");
    host.counters(573, 580, 0);
    CliRun first = CliRun.of(host.args("scan", "--advance-counters"));
    assertThat(first.out()).contains("573 times since boot");
    CliRun second = CliRun.of(host.args("scan", "--advance-counters"));
    assertThat(second.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(second.out()).doesNotContain("LNX-LISTEN-OVERFLOW");
    host.counters(600, 610, 0);
    CliRun third = CliRun.of(host.args("scan"));
    assertThat(third.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(third.out())
        .containsPattern(
            "overflowed 27 times since the previous scan that advanced the counters at"
                + " (\\d\\d\\d\\d-\\d\\d-\\d\\d )?\\d\\d:\\d\\d")
        .containsPattern(
            "Counter increases are since the previous scan that advanced the counters at");
  }

  @Test
  void commandsOtherThanTheWindowsOwnerCompareWithoutConsumingTheBaseline() {
    host.sysctl("kernel.random.boot_id", "11111111-2222-3333-4444-555555555555");
    host.counters(10, 10, 0);
    CliRun.of(host.args("scan", "--advance-counters"));
    host.counters(40, 40, 0);
    // plan, facts and plain scans see the overflow but leave the baseline where it is
    assertThat(CliRun.of(host.args("plan")).exitCode()).isZero();
    assertThat(CliRun.of(host.hostArgs("facts")).out()).contains("+30 since the previous scan");
    assertThat(CliRun.of(host.args("scan")).out()).contains("overflowed 30 times");
    CliRun after = CliRun.of(host.args("scan"));
    assertThat(after.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(after.out()).contains("overflowed 30 times since the previous scan");
  }

  @Test
  void withoutABaselineEveryScanCountsSinceBoot() {
    host.counters(7, 7, 0);
    assertThat(CliRun.of(host.args("scan")).out()).contains("7 times since boot");
    assertThat(CliRun.of(host.args("scan")).out()).contains("7 times since boot");
    assertThat(host.state.resolve("counters.json")).doesNotExist();
  }

  @Test
  void anotherBootStartsFromBootAgain() {
    host.sysctl("kernel.random.boot_id", "boot-a").counters(10, 10, 0);
    CliRun.of(host.args("scan", "--advance-counters"));
    host.sysctl("kernel.random.boot_id", "boot-b");
    assertThat(CliRun.of(host.args("scan")).out()).contains("10 times since boot");
  }

  @Test
  void censusFromProcNetTcpShowsDestinationsAndFullListeners() {
    // 127.0.0.1:8080 listening with 9 queued (backlog unknown from /proc), and three
    // connections from ephemeral ports to 10.0.0.5:5432 (two established, one time-wait).
    host.tcp(
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000009 00:00000000 00000000     0        0 1001 1",
        "   1: 0100007F:9C40 0500000A:1538 01 00000000:00000000 00:00000000 00000000     0        0 1002 1",
        "   2: 0100007F:9C41 0500000A:1538 01 00000000:00000000 00:00000000 00000000     0        0 1003 1",
        "   3: 0100007F:9C42 0500000A:1538 06 00000000:00000000 00:00000000 00000000     0        0 0 1");
    CliRun run = CliRun.of(host.hostArgs("facts"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("4 TCP sockets")
        .containsPattern(
            "10\\.0\\.0\\.5:5432\\s+3\\s+0 %\\s+\\(2 established, 1 time-wait, 0 other\\)")
        .containsPattern("127\\.0\\.0\\.1:8080\\s+9 / \\?");
  }
}
