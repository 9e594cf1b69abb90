package io.sockwarden.linux.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.sockwarden.testing.Netns;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both readers against the real kernel: {@link NetnsSocketProbe} builds a known set of sockets in a
 * fresh network namespace and prints what netlink, {@code /proc/net/tcp{,6}} and {@code ss -tan}
 * see; the tests compare them. Skipped where namespaces cannot be made, unless {@code
 * SOCKWARDEN_REQUIRE_NETNS=1}.
 */
@EnabledOnOs(OS.LINUX)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketReadersInNetnsTest {
  private static final long CHILD_TIMEOUT_SECONDS = 60;

  private List<String> out;
  private int idlePort;
  private int busyPort;
  private String skipReason;

  /**
   * Runs the probe once for all tests. Where it cannot run, each test is reported as skipped (or
   * failed, with {@code SOCKWARDEN_REQUIRE_NETNS=1}) in {@link #skipUnlessTheProbeRan}.
   */
  @BeforeAll
  void runProbeInANamespace(@TempDir Path tmp) throws Exception {
    skipReason = Netns.unavailableReason();
    if (skipReason != null) {
      return;
    }
    String java =
        Netns.javaCommand(
            List.of("-Djna.tmpdir=" + tmp.resolve("jna")), NetnsSocketProbe.class, "/proc");
    // Exit code 97: no ip(8) (iproute2) to bring up lo, which is down in a new namespace.
    String script =
        "command -v ip >/dev/null || { echo 'no ip(8)' >&2; exit 97; }\n"
            + "ip link set lo up\n"
            + "exec "
            + java;
    Netns.Result r = Netns.run(script, CHILD_TIMEOUT_SECONDS);
    if (r.exitCode() == 97) {
      skipReason = "no ip(8) in the namespace to bring up lo";
      return;
    }
    assertThat(r.exitCode()).as("probe exit code; stderr:%n%s", r.err()).isZero();
    out = r.out().lines().toList();
    // Printed for the report (timings), not asserted.
    System.out.println(r.out());
    String[] ports = line("ports ").split(" ");
    idlePort = Integer.parseInt(ports[2]);
    busyPort = Integer.parseInt(ports[4]);
  }

  @BeforeEach
  void skipUnlessTheProbeRan() {
    Netns.skipUnless(skipReason);
  }

  @Test
  void netlinkIsAvailableInTheNamespace() {
    assertThat(line("netlink available ")).isEqualTo("netlink available true");
  }

  @Test
  void netlinkAndProcAgreeOnStateCounts() {
    Map<String, Integer> netlink = states("netlink");
    assertThat(netlink).isEqualTo(states("proc"));
    assertThat(line("proc malformed ")).isEqualTo("proc malformed 0");
    // What the probe built, where it does not depend on timing.
    assertThat(netlink)
        .containsEntry("LISTEN", 2)
        .containsEntry("TIME_WAIT", 10)
        .containsEntry("FIN_WAIT2", 5)
        .containsEntry("CLOSE_WAIT", 5);
    assertThat(netlink.values().stream().mapToInt(Integer::intValue).sum())
        .as(
            "2 listeners, 20 idle clients + 9 queued, 330 accepted + 330 clients - 10 closed,"
                + " 5 IPv4 clients of the busy listener + 5 accepted")
        .isEqualTo(2 + 20 + 9 + 330 + 330 - 10 + 5 + 5);
  }

  @Test
  void netlinkAndProcAgreeOnListenersAndAcceptQueues() {
    Map<Integer, long[]> netlink = listeners("netlink");
    Map<Integer, long[]> proc = listeners("proc");
    assertThat(netlink.keySet()).containsExactlyInAnyOrder(idlePort, busyPort);
    assertThat(proc.keySet()).isEqualTo(netlink.keySet());
    for (int port : netlink.keySet()) {
      assertThat(proc.get(port)[0]).as("accept queue of %d", port).isEqualTo(netlink.get(port)[0]);
      assertThat(proc.get(port)[1]).as("no backlog in /proc, port %d", port).isEqualTo(-1);
      assertThat(proc.get(port)[2]).as("family of %d", port).isEqualTo(netlink.get(port)[2]);
    }
  }

  @Test
  void neverAcceptingListenerHoldsBacklogPlusOne() {
    // listen(fd, 8): the queue counts as full only when it holds more than 8, so 9 get in.
    assertThat(listeners("netlink").get(idlePort)).containsExactly(9, 8, 4);
    assertThat(listeners("proc").get(idlePort)).containsExactly(9, -1, 4);
    assertThat(listeners("netlink").get(busyPort)[0]).isZero();
    assertThat(listeners("netlink").get(busyPort)[1]).isEqualTo(50);
  }

  @ParameterizedTest
  @ValueSource(strings = {"netlink", "proc"})
  void ipv4MappedAndIpv4ClientsCountAsOneDestination(String source) {
    assertThat(out)
        .as("the busy listener must be a dual-stack IPv6 socket")
        .noneMatch(l -> l.startsWith("note no IPv6"));
    assertThat(line(source + " mapped clients "))
        .as("the IPv6 clients of 127.0.0.1 are v4-mapped sockets")
        .isEqualTo(source + " mapped clients 330");
    // 330 v4-mapped clients (10 in TIME_WAIT, 5 in FIN_WAIT2) and 5 plain IPv4 ones.
    assertThat(lines(source + " destination 127.0.0.1:" + busyPort + " "))
        .containsExactly(
            source + " destination 127.0.0.1:" + busyPort + " established 320 timewait 10 other 5");
    assertThat(lines(source + " destination "))
        .as("no destination in IPv6 form")
        .noneMatch(l -> l.contains("["));
  }

  @Test
  void ssAgreesWithNetlink() {
    if (out.stream().anyMatch(l -> l.startsWith("ss unavailable"))) {
      skipLoudly("ss (iproute2) could not be compared: " + line("ss unavailable"));
    }
    assertThat(states("ss")).as("ss -tan printed sockets").isNotEmpty();
    assertThat(states("ss")).isEqualTo(states("netlink"));
    Map<Integer, long[]> ss = listeners("ss");
    Map<Integer, long[]> netlink = listeners("netlink");
    assertThat(ss.keySet()).isEqualTo(netlink.keySet());
    for (int port : ss.keySet()) {
      assertThat(ss.get(port)).as("ss listener %d", port).containsExactly(netlink.get(port));
    }
  }

  /**
   * Skips the calling test with {@code why} on stderr, or fails it when {@code
   * SOCKWARDEN_REQUIRE_NETNS=1} asks for every namespace test to run.
   */
  private static void skipLoudly(String why) {
    if ("1".equals(System.getenv("SOCKWARDEN_REQUIRE_NETNS"))) {
      fail("required (SOCKWARDEN_REQUIRE_NETNS=1) but " + why);
    }
    System.err.println("SKIPPED: " + why);
    abort(why);
  }

  private List<String> lines(String prefix) {
    return out.stream().filter(l -> l.startsWith(prefix)).toList();
  }

  private String line(String prefix) {
    return out.stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + out));
  }

  /** {@code <source> state <NAME> <count>} lines. */
  private Map<String, Integer> states(String source) {
    return out.stream()
        .filter(l -> l.startsWith(source + " state "))
        .map(l -> l.split(" "))
        .collect(
            Collectors.toMap(w -> w[2], w -> Integer.parseInt(w[3]), Integer::sum, TreeMap::new));
  }

  /** {@code <source> listener <port> rq <n> wq <n> family <n>} lines: port to {rq, wq, family}. */
  private Map<Integer, long[]> listeners(String source) {
    return out.stream()
        .filter(l -> l.startsWith(source + " listener "))
        .map(l -> l.split(" "))
        .collect(
            Collectors.toMap(
                w -> Integer.parseInt(w[2]),
                w -> new long[] {Long.parseLong(w[4]), Long.parseLong(w[6]), Long.parseLong(w[8])},
                (a, b) -> {
                  throw new AssertionError("two listeners on one port: " + Arrays.toString(a));
                },
                TreeMap::new));
  }
}
