package io.sockwarden.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.agent.cli.ExitCodes;
import io.sockwarden.testing.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The socket census against real sockets: a load generator process opens them on loopback inside a
 * fresh network namespace, then the real CLI scans that namespace. Bounded: at most 1,000
 * connections or 3,000 TIME_WAIT sockets per scenario, every process stopped by its PID.
 */
@EnabledOnOs(OS.LINUX)
class CensusScenariosInNetnsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path ready;
  Path report;
  List<String> common;

  @BeforeEach
  void setUp() throws Exception {
    Netns.assumeAvailable();
    ready = dir.resolve("ready");
    report = dir.resolve("report.json");
    Path rules = Files.createDirectories(dir.resolve("rules.d"));
    Path config = Files.writeString(dir.resolve("agent.yaml"), "\n");
    common =
        List.of(
            "--root", Files.createDirectories(dir.resolve("root")).toString(),
            "--state-dir", dir.resolve("state").toString(),
            "--config", config.toString(),
            "--rules-dir", rules.toString(),
            "--format", "json",
            "--output", report.toString());
  }

  private String scan(String... more) {
    List<String> args = new ArrayList<>(List.of("scan"));
    args.addAll(common);
    args.addAll(List.of(more));
    return AgentProcesses.agentCommand(args.toArray(String[]::new));
  }

  private List<JsonNode> findings(JsonNode doc, String ruleId) {
    List<JsonNode> out = new ArrayList<>();
    doc.get("findings")
        .forEach(
            f -> {
              if (f.get("ruleId").asText().equals(ruleId)) {
                out.add(f);
              }
            });
    return out;
  }

  @Test
  void fullAcceptQueueNamesThePortAndTheProcess() throws Exception {
    Netns.Result r =
        Netns.run(
            AgentProcesses.withLoad(
                "", new String[] {"overflow", "18080", "8", "50"}, ready.toString(), scan()),
            120);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
    String pid = Files.readString(ready).strip();
    JsonNode doc = JSON.readTree(report.toFile());
    List<JsonNode> overflow = findings(doc, "LNX-LISTEN-OVERFLOW");
    assertThat(overflow)
        .anySatisfy(
            f -> {
              assertThat(f.get("title").asText())
                  .contains("127.0.0.1:18080")
                  .contains("pid " + pid + " (java)")
                  .contains("9 waiting, backlog 8");
              assertThat(f.get("explanation").asText())
                  .contains("application's own listen() backlog (8)");
            });
    // The counters rose too: the host-level finding is there as well.
    assertThat(overflow)
        .anySatisfy(
            f -> assertThat(f.get("title").asText()).startsWith("Accept queues overflowed"));
    JsonNode listener = doc.get("census").get("listeners").get(0);
    assertThat(listener.get("port").asInt()).isEqualTo(18080);
    assertThat(listener.get("backlog").asInt()).isEqualTo(8);
    assertThat(listener.get("pid").asText()).isEqualTo(pid);
  }

  @Test
  void oneBusyDestinationIsCriticalAndAQuietOneIsNot() throws Exception {
    Netns.Result r =
        Netns.run(
            AgentProcesses.withLoad(
                "echo '40000 40999' > /proc/sys/net/ipv4/ip_local_port_range",
                new String[] {"ports", "15432", "950", "16432", "5"},
                ready.toString(),
                scan()),
            120);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
    JsonNode doc = JSON.readTree(report.toFile());
    List<JsonNode> pressure = findings(doc, "LNX-EPHEMERAL-PRESSURE");
    assertThat(pressure)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("severity").asText()).isEqualTo("critical");
              assertThat(f.get("title").asText())
                  .contains("127.0.0.1:15432")
                  .contains("950 of 1000");
            });
    JsonNode dests = doc.get("census").get("destinations");
    assertThat(dests.get(0).get("port").asInt()).isEqualTo(15432);
    assertThat(dests.get(0).get("established").asInt()).isEqualTo(950);
    assertThat(dests.get(1).get("port").asInt()).isEqualTo(16432);
    assertThat(dests.get(1).get("total").asInt()).isEqualTo(5);
  }

  @Test
  void timeWaitCensusEqualsWhatSsCounts() throws Exception {
    Path ss = dir.resolve("ss.txt");
    Netns.Result r =
        Netns.run(
            AgentProcesses.withLoad(
                // tcp_tw_reuse=2 (the default) lets loopback connections reuse TIME_WAIT ports.
                "echo 0 > /proc/sys/net/ipv4/tcp_tw_reuse",
                new String[] {"timewait", "17000", "3000"},
                ready.toString(),
                scan("--fail-on", "critical")
                    + "; rc=$?; ss -Htan state time-wait | wc -l > "
                    + Netns.quote(ss.toString())
                    + "; (exit $rc)"),
            180);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    long expected = Long.parseLong(Files.readString(ss).strip());
    // A few of the 3,000 may not end in TIME_WAIT (the kernel's choice); what matters is that
    // the census and ss see the same sockets.
    assertThat(expected).isBetween(2900L, 3000L);
    JsonNode doc = JSON.readTree(report.toFile());
    assertThat(doc.get("census").get("source").asText()).isEqualTo("netlink inet_diag");
    assertThat(doc.get("census").get("states").get("TIME_WAIT").asLong()).isEqualTo(expected);
    JsonNode top = doc.get("census").get("destinations").get(0);
    assertThat(top.get("port").asInt()).isEqualTo(17000);
    assertThat(top.get("timeWait").asLong()).isEqualTo(expected);
  }
}
