package io.sockwarden.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.agent.cli.ExitCodes;
import io.sockwarden.testing.HeldNetns;
import io.sockwarden.testing.Netns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan/apply/rollback --namespace} end to end: the real CLI, as its own process in the
 * host's namespace, changes the live values inside namespaces the test made (held by a process with
 * {@code unshare -n}, or named with {@code ip netns add}) and nothing else: not the host's values,
 * not another namespace's, no file. A transaction interrupted inside a namespace is restored there
 * by the next command; one whose namespace is gone is refused, not written elsewhere.
 */
@EnabledOnOs(OS.LINUX)
class NamespaceRemediationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SOMAXCONN = "/proc/sys/net/core/somaxconn";
  private static final String COOKIES = "/proc/sys/net/ipv4/tcp_syncookies";
  private static final String BAD = "echo 128 > " + SOMAXCONN + "; echo 0 > " + COOKIES;
  private static final String ONLY = "--only=LNX-SOMAXCONN-LOW,LNX-SYNCOOKIES-OFF";

  @TempDir Path dir;
  Path root;
  List<String> common;

  @BeforeEach
  void setUp() throws Exception {
    HeldNetns.assumeAvailable();
    common = AgentProcesses.testPaths(dir);
    root = dir.resolve("root");
    Files.createDirectories(root.resolve("etc/sysctl.d"));
  }

  /** Runs the agent with {@code args} and the options it takes of the test's paths. */
  private Netns.Result agent(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of(args));
    // history takes the paths, not the configuration and rules
    all.addAll(args[0].equals("history") ? common.subList(0, 4) : common);
    return AgentProcesses.run(dir, Map.of(), all);
  }

  /** {@code somaxconn cookies} as read inside the namespace {@code entry} refers to. */
  private static String values(String entry) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "nsenter",
                "--net=" + entry,
                "sh",
                "-c",
                "echo $(cat " + SOMAXCONN + " " + COOKIES + ")")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static String hostValues() throws IOException {
    return Files.readString(Path.of(SOMAXCONN)).strip()
        + " "
        + Files.readString(Path.of(COOKIES)).strip();
  }

  private JsonNode history() throws Exception {
    Netns.Result h = agent("history", "--format", "json");
    assertThat(h.exitCode()).as(h.err()).isZero();
    return JSON.readTree(h.out()).get("transactions");
  }

  @Test
  void planApplyAndRollbackChangeOnlyTheNamedNamespace() throws Exception {
    String host = hostValues();
    try (HeldNetns ns = new HeldNetns()) {
      HeldNetns.Held a = ns.hold(BAD);
      String entryA = "/proc/" + a.pid() + "/ns/net";
      String b = ns.add("b");
      ns.exec(b, BAD);
      String label = "sleep[" + a.pid() + "]";

      Netns.Result plan = agent("plan", "--namespace", label, ONLY);
      assertThat(plan.exitCode()).as(plan.err()).isZero();
      assertThat(plan.out())
          .contains("In network namespace " + label + " (" + a.link() + "):")
          .contains("live        128 -> 4096")
          .contains("at boot     none: no sysctl.d applies to " + label)
          .contains("          - name: net.core.somaxconn")
          .contains("docker run --sysctl ")
          .contains("--sysctl net.core.somaxconn='4096'")
          .contains("--sysctl net.ipv4.tcp_syncookies='1'")
          .contains("`sockwarden apply --namespace '" + label + "'` makes them");
      assertThat(values(entryA)).isEqualTo("128 0");

      String inode = a.link().replaceAll("\\D", "");
      Netns.Result apply = agent("apply", "--yes", "--namespace", inode, ONLY);
      assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
      assertThat(apply.out()).contains("2 settings written and verified");
      assertThat(values(entryA)).isEqualTo("4096 1");
      assertThat(values("/run/netns/" + b)).as("another namespace").isEqualTo("128 0");
      assertThat(hostValues()).as("the host's own").isEqualTo(host);
      try (var files = Files.list(root.resolve("etc/sysctl.d"))) {
        assertThat(files).as("no sysctl.d for a namespace").isEmpty();
      }
      JsonNode tx = history().get(0);
      assertThat(tx.get("scope").asText()).isEqualTo(a.link());
      assertThat(tx.get("namespace").asText()).isEqualTo(label);
      assertThat(tx.get("state").asText()).isEqualTo("applied");

      // --last without --namespace looks at the host's own transactions: there are none.
      Netns.Result hostLast = agent("rollback", "--last");
      assertThat(hostLast.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(hostLast.err())
          .contains("no transaction to roll back")
          .contains(tx.get("id").asText());
      // An id with another namespace's --namespace is a mistake, and changes nothing.
      Netns.Result wrong = agent("rollback", tx.get("id").asText(), "--namespace", b);
      assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(wrong.err())
          .contains("changed network namespace " + a.link() + " (" + label + ")");
      assertThat(values(entryA)).isEqualTo("4096 1");

      Netns.Result rollback = agent("rollback", "--last", "--namespace", label);
      assertThat(rollback.exitCode()).as(rollback.err()).isZero();
      assertThat(values(entryA)).isEqualTo("128 0");
      assertThat(values("/run/netns/" + b)).isEqualTo("128 0");
      assertThat(hostValues()).isEqualTo(host);
      assertThat(history().get(1).get("namespace").asText()).isEqualTo(label);

      // Errors: no such namespace; --persist-only, which a namespace has no place for.
      Netns.Result none = agent("plan", "--namespace", "no-such-namespace");
      assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(none.err()).contains("--namespace no-such-namespace: no network namespace");
      Netns.Result persist = agent("apply", "--yes", "--persist-only", "--namespace", b, ONLY);
      assertThat(persist.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(persist.err())
          .contains("--persist-only: " + b + " has no persistent configuration");
      assertThat(values("/run/netns/" + b)).isEqualTo("128 0");
    }
  }

  @Test
  void anInterruptedTransactionIsRestoredInsideItsNamespaceAndAGoneOneIsRefused() throws Exception {
    String host = hostValues();
    try (HeldNetns ns = new HeldNetns()) {
      HeldNetns.Held a = ns.hold(BAD);
      String entryA = "/proc/" + a.pid() + "/ns/net";
      String label = "sleep[" + a.pid() + "]";

      // Killed (SIGKILL) after its first write inside the namespace.
      Path pause = dir.resolve("pause");
      ProcessBuilder apply =
          new ProcessBuilder(
                  "sh",
                  "-c",
                  AgentProcesses.agentCommand(
                      concat(List.of("apply", "--yes", "--namespace", label, ONLY), common)))
              .redirectOutput(dir.resolve("apply.out").toFile())
              .redirectError(dir.resolve("apply.err").toFile());
      apply.environment().put("SOCKWARDEN_TEST_PAUSE_AT", "written-1");
      apply.environment().put("SOCKWARDEN_TEST_PAUSE_FILE", pause.toString());
      Process p = apply.start();
      try {
        for (int i = 0; i < 600 && !(Files.exists(pause) && Files.size(pause) > 0); i++) {
          Thread.sleep(100);
        }
        assertThat(pause).as(Files.readString(dir.resolve("apply.err"))).isNotEmptyFile();
        long paused = Long.parseLong(Files.readString(pause).strip());
        ProcessHandle.of(paused).ifPresent(ProcessHandle::destroyForcibly);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      assertThat(values(entryA)).as("half applied").isIn("4096 0", "128 1");

      // The next command, from the host's namespace, re-enters the namespace and restores it.
      Netns.Result next = agent("history");
      assertThat(next.err()).contains("recovery: Transaction").contains("interrupted; restored");
      assertThat(values(entryA)).isEqualTo("128 0");
      assertThat(hostValues()).isEqualTo(host);

      // Applied, then the namespace goes away: rolling back has nowhere to write, and says so.
      Netns.Result applied = agent("apply", "--yes", "--namespace", label, ONLY);
      assertThat(applied.exitCode()).as(applied.err()).isZero();
      JsonNode txs = history();
      String id = txs.get(txs.size() - 1).get("id").asText();
      ns.stop(a);
      Netns.Result gone = agent("rollback", id);
      assertThat(gone.exitCode()).as(gone.out()).isEqualTo(ExitCodes.OPERATIONAL);
      assertThat(gone.err())
          .contains("refusing to roll back " + id)
          .contains("network namespace " + a.link() + " (" + label + ")")
          .contains("not on this host any more");
      assertThat(hostValues()).isEqualTo(host);
    }
  }

  private static String[] concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(String[]::new);
  }
}
