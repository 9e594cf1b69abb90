package io.sockwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.agent.CliRun;
import io.sockwarden.agent.ExitCodes;
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
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Could not read (2)").contains("tcp_max_tw_buckets");
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
    assertThat(run.err()).contains("no kernel parameter could be read");
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
}
