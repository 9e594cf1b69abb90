package io.sockwarden.linux.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.model.SockStat;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcParsersTest {
  @Test
  void parsesSockstat() {
    List<String> malformed = new ArrayList<>();
    List<SockStat> s =
        SockStatFile.parse(
            List.of(
                "sockets: used 7",
                "TCP: inuse 5 orphan 1 tw 2 alloc 7 mem 168",
                "UDP: inuse 0 mem 0",
                "FRAG: inuse 0 memory 0"),
            "sockstat",
            malformed);
    assertThat(malformed).isEmpty();
    SockStat tcp = s.stream().filter(x -> x.protocol().equals("TCP")).findFirst().orElseThrow();
    assertThat(tcp.get("tw")).isEqualTo(2);
    assertThat(tcp.get("inuse")).isEqualTo(5);
    assertThat(tcp.get("absent")).isEqualTo(-1);
    assertThat(s).extracting(SockStat::protocol).containsExactly("sockets", "TCP", "UDP", "FRAG");
  }

  @Test
  void reportsMalformedSockstatLinesAndKeepsTheRest() {
    List<String> malformed = new ArrayList<>();
    List<SockStat> s =
        SockStatFile.parse(
            List.of("TCP: inuse five", "garbage", "TCP6: inuse 3", "UDP: inuse"),
            "sockstat6",
            malformed);
    assertThat(s).extracting(SockStat::protocol).containsExactly("TCP6");
    assertThat(malformed).hasSize(3);
    assertThat(malformed.get(0)).startsWith("sockstat6:1:");
  }

  @Test
  void parsesNetstatPairs() {
    List<String> malformed = new ArrayList<>();
    Map<String, Long> c =
        NetstatFile.parse(
            List.of(
                "TcpExt: SyncookiesSent ListenOverflows ListenDrops",
                "TcpExt: 0 573 580",
                "IpExt: InNoRoutes",
                "IpExt: 4"),
            "netstat",
            malformed);
    assertThat(malformed).isEmpty();
    assertThat(c)
        .containsEntry("TcpExt.ListenOverflows", 573L)
        .containsEntry("TcpExt.ListenDrops", 580L)
        .containsEntry("IpExt.InNoRoutes", 4L);
  }

  @Test
  void skipsMismatchedNetstatGroups() {
    List<String> malformed = new ArrayList<>();
    Map<String, Long> c =
        NetstatFile.parse(
            List.of(
                "TcpExt: A B", "TcpExt: 1", "IpExt: X", "IpExt: 9", "MPTcpExt: Y", "MPTcpExt: y"),
            "netstat",
            malformed);
    assertThat(c).containsOnlyKeys("IpExt.X");
    assertThat(malformed).hasSize(2);
    assertThat(malformed.get(0)).contains("netstat:1");
  }

  @Test
  void parsesPortRangesAndReservedLists() {
    assertThat(PortRanges.parseRange("32768\t60999")).containsExactly(32768, 60999);
    assertThatThrownBy(() -> PortRanges.parseRange("60999 32768")).hasMessageContaining("above");
    assertThatThrownBy(() -> PortRanges.parseRange("1 2 3")).hasMessageContaining("low high");
    assertThatThrownBy(() -> PortRanges.parseRange("1 70000")).hasMessageContaining("not a port");
    BitSet reserved = PortRanges.parseList("8080,40000-40009, 50000");
    assertThat(reserved.cardinality()).isEqualTo(12);
    assertThat(PortRanges.countWithin(reserved, 32768, 60999)).isEqualTo(11);
    assertThat(PortRanges.formatList(reserved)).isEqualTo("8080,40000-40009,50000");
    assertThat(PortRanges.parseList("").isEmpty()).isTrue();
    assertThatThrownBy(() -> PortRanges.parseList("9-1")).hasMessageContaining("reversed");
  }

  @Test
  void parsesFileNrAndKernelRelease() {
    assertThat(FileNr.parse("95\t0\t2470938\n", "f").allocated()).isEqualTo(95);
    assertThat(FileNr.parse("95\t0\t2470938\n", "f").max()).isEqualTo(2470938);
    assertThatThrownBy(() -> FileNr.parse("95 0", "f")).hasMessageContaining("three numbers");
    assertThat(KernelRelease.parse("6.1.0-18-amd64")).containsExactly(6, 1);
    assertThat(KernelRelease.parse("5.15.153.1-microsoft-standard-WSL2")).containsExactly(5, 15);
    assertThat(KernelRelease.parse("weird")).containsExactly(0, 0);
  }
}
