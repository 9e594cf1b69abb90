package io.sockwarden.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.FactGap;
import io.sockwarden.model.FileHandles;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.LinuxFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collects from a fake proc tree: what exists is read, what is missing or malformed is a gap. */
class LinuxPlatformTest {
  @TempDir Path root;

  private void proc(String relative, String content) throws IOException {
    Path file = root.resolve("proc").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void collectsWhatExistsAndListsWhatDoesNot() throws IOException {
    proc("sys/net/core/somaxconn", "128\n");
    proc("sys/net/ipv4/ip_local_port_range", "40000\t40999\n");
    proc("sys/net/ipv4/ip_local_reserved_ports", "40000-40009\n");
    proc("sys/fs/file-nr", "900\t0\t1000\n");
    proc("sys/kernel/osrelease", "4.19.0-27-amd64\n");
    proc("net/sockstat", "sockets: used 3\nTCP: inuse 1 orphan 0 tw 5 alloc 1 mem 0\n");
    proc("net/netstat", "TcpExt: ListenOverflows ListenDrops\nTcpExt: 7 9\n");
    Path etc = root.resolve("etc/sysctl.d");
    Files.createDirectories(etc);
    Files.writeString(etc.resolve("60-x.conf"), "net.core.somaxconn = 4096\n");

    HostFacts facts =
        new LinuxPlatform()
            .collect(new CollectionContext(root.resolve("proc"), root, root.resolve("state")));

    assertThat(facts.sysctl("net.core.somaxconn").orElseThrow().asLong()).isEqualTo(128);
    assertThat(facts.sysctl("net.ipv4.tcp_syncookies")).isEmpty();
    assertThat(facts.host().kernelMajor()).isEqualTo(4);
    assertThat(facts.host().kernelMinor()).isEqualTo(19);
    assertThat(facts.counter("TcpExt.ListenOverflows").orElseThrow().value()).isEqualTo(7);
    LinuxFacts linux = (LinuxFacts) facts.platform();
    assertThat(linux.fileHandles())
        .contains(new FileHandles(900, 1000, root.resolve("proc/sys/fs/file-nr").toString()));
    EphemeralRange range = facts.ephemeralRange().orElseThrow();
    assertThat(range.size()).isEqualTo(1000);
    assertThat(range.usable()).isEqualTo(990);
    assertThat(linux.bootValues())
        .singleElement()
        .satisfies(b -> assertThat(b.value()).isEqualTo("4096"));
    assertThat(facts.gaps())
        .anySatisfy(
            g -> {
              assertThat(g.fact()).isEqualTo("net.ipv4.tcp_syncookies");
              assertThat(g.kind()).isEqualTo(FactGap.Kind.NOT_APPLICABLE);
              assertThat(g.source()).endsWith("tcp_syncookies");
            })
        .anySatisfy(
            g -> {
              assertThat(g.fact()).isEqualTo("TcpExt.TCPReqQFullDrop");
              assertThat(g.kind()).isEqualTo(FactGap.Kind.NOT_APPLICABLE);
            });
    assertThat(facts.problems())
        .extracting(CollectionProblem::source)
        .anyMatch(s -> s.endsWith("net/sockstat6"))
        .anyMatch(s -> s.endsWith("self/ns/net"));
  }

  @Test
  void anUnparsableValueIsAGapNamingKeyTextAndFileNotAFact() throws IOException {
    proc("sys/net/core/somaxconn", "abc\n");
    proc("sys/net/ipv4/ip_local_port_range", "32768\n");
    proc("sys/fs/file-nr", "1 2\n");

    HostFacts facts =
        new LinuxPlatform()
            .collect(new CollectionContext(root.resolve("proc"), root, root.resolve("state")));

    assertThat(facts.sysctl("net.core.somaxconn")).isEmpty();
    assertThat(facts.ephemeralRange()).isEmpty();
    assertThat(((LinuxFacts) facts.platform()).fileHandles()).isEmpty();
    assertThat(facts.gaps())
        .filteredOn(g -> g.kind() == FactGap.Kind.UNPARSABLE)
        .extracting(FactGap::describe)
        .containsExactlyInAnyOrder(
            "net.core.somaxconn: unparsable: 'abc' is not a number ("
                + root.resolve("proc/sys/net/core/somaxconn")
                + ")",
            "net.ipv4.ip_local_port_range: unparsable: '32768' is not 2 numbers separated by"
                + " white space ("
                + root.resolve("proc/sys/net/ipv4/ip_local_port_range")
                + ")",
            "fs.file-nr: unparsable: '1 2' is not 3 numbers separated by white space ("
                + root.resolve("proc/sys/fs/file-nr")
                + ")");
  }

  @Test
  void anUnreadableValueIsAnUnreadableGap() throws IOException {
    // A directory where a file is expected fails to read the way an I/O error does, also as root.
    Files.createDirectories(root.resolve("proc/sys/net/core/somaxconn"));
    HostFacts facts =
        new LinuxPlatform()
            .collect(new CollectionContext(root.resolve("proc"), root, root.resolve("state")));
    assertThat(facts.gaps())
        .filteredOn(g -> g.fact().equals("net.core.somaxconn"))
        .singleElement()
        .satisfies(g -> assertThat(g.kind()).isEqualTo(FactGap.Kind.UNREADABLE));
  }

  @Test
  void emptyProcRootStillProducesFactsAndProblems() {
    HostFacts facts =
        new LinuxPlatform()
            .collect(new CollectionContext(root.resolve("nothing"), root, root.resolve("state")));
    assertThat(((LinuxFacts) facts.platform()).sysctls()).isEmpty();
    assertThat(facts.host().kernelRelease()).isEqualTo("unknown");
    assertThat(facts.gaps())
        .extracting(FactGap::fact)
        .containsAll(LinuxPlatform.SYSCTL_KEYS)
        .containsAll(LinuxPlatform.COUNTERS)
        .contains(LinuxPlatform.SOCKETS, LinuxPlatform.PROCESSES);
    assertThat(facts.gaps()).allMatch(g -> g.kind() == FactGap.Kind.NOT_APPLICABLE);
  }
}
