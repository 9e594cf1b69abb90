package io.sockwarden.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.agent.cli.ExitCodes;
import io.sockwarden.testing.HeldNetns;
import io.sockwarden.testing.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --all-namespaces} end to end: the real CLI, as its own process in the host's
 * namespace, scans namespaces the test made (held by processes with {@code unshare -n}, and named
 * with {@code ip netns add}), each with its own bad values and socket load. Only the test's
 * namespaces are written; the host's are only read.
 */
@EnabledOnOs(OS.LINUX)
class AllNamespacesScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  List<String> common;

  @BeforeEach
  void setUp() throws Exception {
    HeldNetns.assumeAvailable();
    common = AgentProcesses.testPaths(dir);
  }

  /** Runs the agent with {@code args} and the common options; returns exit code and output. */
  private Netns.Result agent(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(common);
    return AgentProcesses.run(dir, Map.of(), all);
  }

  private static JsonNode part(JsonNode doc, String label) {
    for (JsonNode n : doc.get("namespaces")) {
      if (n.get("namespace").get("label").asText().equals(label)) {
        return n;
      }
    }
    throw new AssertionError("no namespace " + label + " in the report");
  }

  private static Set<String> rules(JsonNode part) {
    Set<String> ids = new TreeSet<>();
    part.get("findings").forEach(f -> ids.add(f.get("ruleId").asText()));
    return ids;
  }

  private static void awaitFile(Path file) throws InterruptedException {
    for (int i = 0; i < 300 && !(Files.exists(file) && file.toFile().length() > 0); i++) {
      Thread.sleep(100);
    }
    assertThat(file).isNotEmptyFile();
  }

  @Test
  void everyNamespaceIsJudgedOnItsOwnValuesAndLoad() throws Exception {
    try (HeldNetns ns = new HeldNetns()) {
      Path ready = dir.resolve("ready");
      // A: healthy settings, but a listener with backlog 8 and 50 clients: its queue overflows.
      HeldNetns.Held a =
          ns.hold(
              "ip link set lo up",
              Netns.javaCommand(
                  List.of(), SocketLoad.class, "overflow", "18080", "8", "50", ready.toString()));
      awaitFile(ready);
      // B: somaxconn below the policy, nothing listening.
      HeldNetns.Held b = ns.hold("echo 128 > /proc/sys/net/core/somaxconn");
      // C: named with ip netns, no process in it: syncookies off and a narrow port range.
      String c = ns.add("c");
      ns.exec(
          c,
          "echo 0 > /proc/sys/net/ipv4/tcp_syncookies\n"
              + "echo '40000 40999' > /proc/sys/net/ipv4/ip_local_port_range");

      Netns.Result r = agent("scan", "--all-namespaces", "--format", "json");
      assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
      JsonNode doc = JSON.readTree(r.out());
      assertThat(doc.get("kind").asText()).isEqualTo("namespaceScan");
      assertThat(doc.get("verdict").asText()).isEqualTo("findings");

      JsonNode host = doc.get("namespaces").get(0);
      assertThat(host.get("namespace").get("label").asText()).isEqualTo("host");
      assertThat(host.get("networkNamespace").asText())
          .isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());

      JsonNode inA = part(doc, "java[" + a.pid() + "]");
      assertThat(inA.get("networkNamespace").asText()).isEqualTo(a.link());
      assertThat(inA.get("namespace").get("kind").asText()).isEqualTo("process");
      assertThat(inA.get("namespace").get("pid").asLong()).isEqualTo(a.pid());
      assertThat(rules(inA)).contains("LNX-LISTEN-OVERFLOW").doesNotContain("LNX-SOMAXCONN-LOW");
      assertThat(inA.get("findings"))
          .anySatisfy(
              f -> {
                assertThat(f.get("ruleId").asText()).isEqualTo("LNX-LISTEN-OVERFLOW");
                assertThat(f.get("title").asText()).contains("pid " + a.pid() + " (java)");
                assertThat(f.get("namespace").get("label").asText())
                    .isEqualTo("java[" + a.pid() + "]");
                assertThat(f.get("namespace").get("inode").asText())
                    .isEqualTo(a.link().replaceAll("\\D", ""));
              });

      JsonNode inB = part(doc, "sleep[" + b.pid() + "]");
      assertThat(rules(inB)).contains("LNX-SOMAXCONN-LOW").doesNotContain("LNX-SYNCOOKIES-OFF");
      assertThat(inB.get("findings"))
          .anySatisfy(f -> assertThat(f.toString()).contains("\"from\":\"128\""));

      JsonNode inC = part(doc, c);
      assertThat(inC.get("namespace").get("kind").asText()).isEqualTo("named");
      assertThat(rules(inC))
          .contains("LNX-SYNCOOKIES-OFF", "LNX-EPHEMERAL-RANGE-NARROW")
          .doesNotContain("LNX-SOMAXCONN-LOW", "LNX-LISTEN-OVERFLOW");

      // Host-wide facts are judged in the host's namespace only: no FILE-MAX or boot drift
      // findings elsewhere, and their rules are not applicable there (not incomplete).
      for (JsonNode other : List.of(inA, inB, inC)) {
        assertThat(rules(other)).doesNotContain("LNX-FILE-MAX", "LNX-BOOT-DRIFT");
        assertThat(other.get("complete").asBoolean()).as(other.toString()).isTrue();
        assertThat(other.get("counterWindow").asText())
            .isEqualTo("since the namespace was created");
      }

      Netns.Result text = agent("scan", "--all-namespaces");
      assertThat(text.exitCode()).as(text.err()).isEqualTo(ExitCodes.FINDINGS);
      assertThat(text.out())
          .contains("=== Network namespace host (")
          .contains(
              "=== Network namespace "
                  + c
                  + " ("
                  + inC.get("networkNamespace").asText()
                  + ", named)")
          .containsPattern(
              "(?m)^" + java.util.regex.Pattern.quote(c) + " +warning +LNX-SYNCOOKIES-OFF")
          .containsPattern("(?m)^sleep\\[" + b.pid() + "\\] +\\S+ +LNX-SOMAXCONN-LOW")
          .contains("Overall verdict: ");

      // The default scan is still the agent's own namespace only.
      Netns.Result plain = agent("scan", "--format", "json", "--allow-incomplete");
      assertThat(plain.out()).doesNotContain("namespaceScan").doesNotContain(c);
    }
  }

  @Test
  void namespacesComingAndGoingDuringTheScanAreReportedNotFailed() throws Exception {
    try (HeldNetns ns = new HeldNetns()) {
      HeldNetns.Held stays = ns.hold("echo 128 > /proc/sys/net/core/somaxconn");
      // Short-lived namespaces, made and gone while the agent scans: bounded to 600 of 50 ms.
      Process churn =
          new ProcessBuilder(
                  "sh",
                  "-c",
                  "i=0; while [ $i -lt 600 ]; do unshare -n sleep 0.05; i=$((i+1)); done")
              .redirectErrorStream(true)
              .start();
      int gone = 0;
      try {
        for (int run = 0; run < 3; run++) {
          Netns.Result r = agent("scan", "--all-namespaces", "--format", "json");
          assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
          JsonNode doc = JSON.readTree(r.out());
          assertThat(rules(part(doc, "sleep[" + stays.pid() + "]"))).contains("LNX-SOMAXCONN-LOW");
          for (JsonNode n : doc.get("namespaces")) {
            if (!n.get("scanned").asBoolean()) {
              gone++;
              assertThat(n.get("problems").get(0).get("message").asText())
                  .contains("disappeared before it was scanned");
            }
          }
        }
      } finally {
        churn.descendants().forEach(ProcessHandle::destroyForcibly);
        churn.destroyForcibly();
        churn.waitFor(20, TimeUnit.SECONDS);
      }
      System.out.println("namespaces gone before their visit, over 3 scans: " + gone);
    }
  }
}
