package io.sockwarden.linux.netns;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.linux.LinuxPlatform;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.FactGap;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.NamespaceFacts;
import io.sockwarden.model.NetworkNamespace;
import io.sockwarden.model.Sysctl;
import io.sockwarden.testing.HeldNetns;
import io.sockwarden.testing.Listen;
import io.sockwarden.testing.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovers and enters real namespaces the test makes, from this JVM, with setns on a dedicated
 * thread: each namespace's own values come back, the host-wide ones are left to the host's, and a
 * namespace that is gone by the time it is visited is reported, not thrown.
 */
@EnabledOnOs(OS.LINUX)
class NamespaceCollectionLiveTest {
  @TempDir Path dir;
  CollectionContext context;
  final LinuxPlatform platform = new LinuxPlatform();

  @BeforeEach
  void setUp() throws Exception {
    HeldNetns.assumeAvailable();
    Path root = Files.createDirectories(dir.resolve("root"));
    // The real /run, so that `ip netns add` names are found; configuration files stay in the test's
    // own tree.
    Files.createSymbolicLink(root.resolve("run"), Path.of("/run"));
    context = new CollectionContext(Path.of("/proc"), root, dir.resolve("state"));
  }

  private static String value(HostFacts f, String key) {
    return f.sysctl(key).map(Sysctl::value).orElseThrow(() -> new AssertionError(key));
  }

  private static NetworkNamespace find(List<NetworkNamespace> all, long inode) {
    return all.stream()
        .filter(n -> n.inode() == inode)
        .findFirst()
        .orElseThrow(() -> new AssertionError("not discovered: net:[" + inode + "] in " + all));
  }

  @Test
  void eachNamespaceIsCollectedFromInside() throws Exception {
    try (HeldNetns ns = new HeldNetns()) {
      HeldNetns.Held a =
          ns.hold(
              "echo 256 > /proc/sys/net/core/somaxconn\n"
                  + "echo '40000 40999' > /proc/sys/net/ipv4/ip_local_port_range\n"
                  + "ip link set lo up");
      String named = ns.add("b");
      ns.exec(
          named,
          "echo 0 > /proc/sys/net/ipv4/tcp_syncookies; echo 1000 > /proc/sys/net/core/somaxconn");

      List<NetworkNamespace> all = platform.networkNamespaces(context);
      assertThat(all.get(0).kind()).isEqualTo(NetworkNamespace.Kind.HOST);
      assertThat(all.get(0).label()).isEqualTo("host");
      NetworkNamespace held = find(all, NetnsDiscovery.inode(Path.of(a.link())));
      assertThat(held.pids()).contains((int) a.pid());
      assertThat(held.label()).isEqualTo("sleep[" + a.pid() + "]");
      assertThat(held.kind()).isEqualTo(NetworkNamespace.Kind.PROCESS);
      NetworkNamespace byName =
          all.stream().filter(n -> n.label().equals(named)).findFirst().orElseThrow();
      assertThat(byName.kind()).isEqualTo(NetworkNamespace.Kind.NAMED);
      assertThat(byName.pids()).isEmpty();
      assertThat(all.stream().map(NetworkNamespace::inode).distinct()).hasSize(all.size());

      List<NamespaceFacts> facts =
          platform.collectNamespaces(context, List.of(all.get(0), held, byName));
      HostFacts host = facts.get(0).facts().orElseThrow();
      HostFacts inA = facts.get(1).facts().orElseThrow();
      HostFacts inB = facts.get(2).facts().orElseThrow();

      assertThat(inA.host().networkNamespace()).isEqualTo(a.link());
      assertThat(value(inA, "net.core.somaxconn")).isEqualTo("256");
      assertThat(inA.ephemeralRange().orElseThrow().size()).isEqualTo(1000);
      assertThat(value(inB, "net.core.somaxconn")).isEqualTo("1000");
      assertThat(value(inB, "net.ipv4.tcp_syncookies")).isEqualTo("0");
      assertThat(inB.host().networkNamespace()).isEqualTo(byName.link());
      // The agent's own namespace keeps its values and its host-wide facts.
      assertThat(host.host().networkNamespace())
          .isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
      assertThat(host.sysctl("fs.file-max")).isPresent();
      assertThat(value(host, "net.core.somaxconn"))
          .isEqualTo(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0));
      // Host-wide facts are not collected again inside: not applicable there.
      assertThat(inA.sysctl("fs.file-max")).isEmpty();
      assertThat(inA.gaps())
          .anySatisfy(
              g -> {
                assertThat(g.fact()).isEqualTo("fs.file-max");
                assertThat(g.kind()).isEqualTo(FactGap.Kind.NOT_APPLICABLE);
              });
      // Counters and sockstat come from inside too: a fresh namespace has no TCP sockets in use.
      assertThat(inA.counters()).isNotEmpty();
      assertThat(inA.census()).isPresent();
      assertThat(inA.census().orElseThrow().source()).isEqualTo("netlink inet_diag");
      // The calling thread never left its namespace.
      assertThat(Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")))
          .isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")));
    }
  }

  @Test
  void listenersInsideAreOwnedByTheNamespacesProcesses() throws Exception {
    try (HeldNetns ns = new HeldNetns()) {
      HeldNetns.Held a =
          ns.hold(
              "ip link set lo up", Netns.javaCommand(List.of(), Listen.class, "8181", "7", "120"));
      assertThat(a.out().readLine()).isEqualTo("listening");
      List<NetworkNamespace> all = platform.networkNamespaces(context);
      NetworkNamespace held = find(all, NetnsDiscovery.inode(Path.of(a.link())));
      HostFacts inA =
          platform.collectNamespaces(context, List.of(held)).get(0).facts().orElseThrow();
      assertThat(inA.listeners())
          .anySatisfy(
              l -> {
                assertThat(l.port()).isEqualTo(8181);
                assertThat(l.backlog()).isEqualTo(7);
                assertThat(l.owner().pid()).isEqualTo((int) a.pid());
                assertThat(l.owner().command()).isEqualTo("java");
              });
    }
  }

  @Test
  void aNamespaceGoneBeforeItsVisitIsReportedNotThrown() throws Exception {
    try (HeldNetns ns = new HeldNetns()) {
      HeldNetns.Held a = ns.hold("echo 300 > /proc/sys/net/core/somaxconn");
      HeldNetns.Held b = ns.hold("echo 400 > /proc/sys/net/core/somaxconn");
      String named = ns.add("gone");
      List<NetworkNamespace> all = platform.networkNamespaces(context);
      NetworkNamespace goneA = find(all, NetnsDiscovery.inode(Path.of(a.link())));
      NetworkNamespace stays = find(all, NetnsDiscovery.inode(Path.of(b.link())));
      NetworkNamespace goneNamed =
          all.stream().filter(n -> n.label().equals(named)).findFirst().orElseThrow();
      ns.stop(a);
      ns.delete(named);

      List<NamespaceFacts> facts =
          platform.collectNamespaces(context, List.of(goneA, stays, goneNamed));
      assertThat(facts.get(0).facts()).isEmpty();
      assertThat(facts.get(0).missing().orElseThrow().message())
          .contains("disappeared before it was scanned")
          .contains(goneA.label());
      assertThat(value(facts.get(1).facts().orElseThrow(), "net.core.somaxconn")).isEqualTo("400");
      assertThat(facts.get(2).missing().orElseThrow().message())
          .contains("disappeared before it was scanned");
    }
  }
}
