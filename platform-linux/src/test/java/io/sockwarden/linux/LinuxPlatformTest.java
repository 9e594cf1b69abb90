package io.sockwarden.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.FileHandles;
import io.sockwarden.model.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collects from a fake proc tree: what exists is read, what is missing is listed as a problem. */
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
    assertThat(facts.extra())
        .contains(new FileHandles(900, 1000, root.resolve("proc/sys/fs/file-nr").toString()));
    assertThat(facts.extra())
        .filteredOn(EphemeralRange.class::isInstance)
        .singleElement()
        .satisfies(
            r -> {
              EphemeralRange range = (EphemeralRange) r;
              assertThat(range.size()).isEqualTo(1000);
              assertThat(range.usable()).isEqualTo(990);
            });
    assertThat(facts.bootValues())
        .singleElement()
        .satisfies(b -> assertThat(b.value()).isEqualTo("4096"));
    assertThat(facts.problems())
        .extracting(CollectionProblem::source)
        .anyMatch(s -> s.endsWith("tcp_syncookies"))
        .anyMatch(s -> s.endsWith("net/sockstat6"))
        .anyMatch(s -> s.endsWith("self/ns/net"));
    assertThat(facts.problems())
        .anyMatch(p -> p.message().contains("TcpExt.TCPReqQFullDrop not present"));
  }

  @Test
  void emptyProcRootStillProducesFactsAndProblems() {
    HostFacts facts =
        new LinuxPlatform()
            .collect(new CollectionContext(root.resolve("nothing"), root, root.resolve("state")));
    assertThat(facts.sysctls()).isEmpty();
    assertThat(facts.host().kernelRelease()).isEqualTo("unknown");
    assertThat(facts.problems()).hasSizeGreaterThan(10);
  }
}
