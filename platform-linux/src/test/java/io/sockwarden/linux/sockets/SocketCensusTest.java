package io.sockwarden.linux.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.Listener;
import io.sockwarden.model.ProcessRef;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketCensusTest {
  private final TcpSocket s = new TcpSocket();
  private final SocketCensus census = new SocketCensus(40000, 40999);

  private void visit(int state, String local, int lport, String remote, int rport, long rq, long wq)
      throws Exception {
    s.clear();
    byte[] l = InetAddress.getByName(local).getAddress();
    byte[] r = InetAddress.getByName(remote).getAddress();
    s.family = l.length == 4 ? 4 : 6;
    s.state = state;
    System.arraycopy(l, 0, s.localAddress, 0, l.length);
    System.arraycopy(r, 0, s.remoteAddress, 0, r.length);
    s.localPort = lport;
    s.remotePort = rport;
    s.receiveQueue = rq;
    s.sendQueue = wq;
    s.inode = lport;
    census.visit(s);
  }

  @Test
  void countsEphemeralPortsPerDestinationAndState() throws Exception {
    for (int i = 0; i < 5; i++) {
      visit(TcpState.ESTABLISHED, "10.0.0.1", 40000 + i, "10.0.0.5", 5432, 0, 0);
    }
    visit(TcpState.TIME_WAIT, "10.0.0.1", 40010, "10.0.0.5", 5432, 0, 0);
    visit(TcpState.SYN_SENT, "10.0.0.1", 40011, "10.0.0.5", 5432, 0, 0);
    visit(TcpState.ESTABLISHED, "10.0.0.1", 40012, "10.0.0.5", 6432, 0, 0);
    visit(TcpState.ESTABLISHED, "::1", 40013, "2001:db8::7", 443, 0, 0);
    // Inbound: local port 8080 is outside the range, so no ephemeral port is used.
    visit(TcpState.ESTABLISHED, "10.0.0.1", 8080, "10.0.0.9", 40001, 0, 0);

    List<DestinationPorts> d = census.destinations("test");
    assertThat(d)
        .extracting(DestinationPorts::endpoint)
        .containsExactly("10.0.0.5:5432", "10.0.0.5:6432", "[2001:db8:0:0:0:0:0:7]:443");
    assertThat(d.get(0).established()).isEqualTo(5);
    assertThat(d.get(0).timeWait()).isEqualTo(1);
    assertThat(d.get(0).other()).isEqualTo(1);
    assertThat(census.states("test").get("ESTABLISHED")).isEqualTo(8);
    assertThat(census.states("test").timeWait()).isEqualTo(1);
    assertThat(census.sockets()).isEqualTo(10);
  }

  /** A /proc/net/tcp{,6} row as this kernel prints it on a little-endian machine. */
  private void visitProcRow(int family, String row) {
    assertThat(ProcNetTcpReader.parseLine(row, family, ByteOrder.LITTLE_ENDIAN, s))
        .as(row)
        .isTrue();
    census.visit(s);
  }

  @Test
  void ipv4MappedConnectionsCountTowardTheIpv4Destination() {
    // 10.0.0.1:40001 -> 10.0.0.5:5432 from an AF_INET socket, ESTABLISHED.
    visitProcRow(
        4,
        "   0: 0100000A:9C41 0500000A:1538 01 00000000:00000000 00:00000000 00000000  1000"
            + "        0 7001 1 0000000000000000 20 4 30 10 -1");
    // [::ffff:10.0.0.1]:40002 -> [::ffff:10.0.0.5]:5432 from a dual-stack AF_INET6 socket.
    visitProcRow(
        6,
        "   0: 0000000000000000FFFF00000100000A:9C42 0000000000000000FFFF00000500000A:1538 01"
            + " 00000000:00000000 00:00000000 00000000  1000        0 7002 1 0000000000000000 20 4"
            + " 30 10 -1");
    // The same, closed: TIME_WAIT.
    visitProcRow(
        6,
        "   1: 0000000000000000FFFF00000100000A:9C43 0000000000000000FFFF00000500000A:1538 06"
            + " 00000000:00000000 03:00000BB8 00000000     0        0 0 3 0000000000000000");
    // A real IPv6 destination whose low 32 bits spell 10.0.0.5 stays apart.
    visitProcRow(
        6,
        "   2: 00000000000000000000000001000000:9C44 B80D012000000000000000000500000A:1538 01"
            + " 00000000:00000000 00:00000000 00000000  1000        0 7003 1 0000000000000000 20 4"
            + " 30 10 -1");

    assertThat(census.destinations("test"))
        .extracting(
            DestinationPorts::endpoint, DestinationPorts::established, DestinationPorts::timeWait)
        .containsExactly(
            tuple("10.0.0.5:5432", 2, 1), tuple("[2001:db8:0:0:0:0:a00:5]:5432", 1, 0));
  }

  @Test
  void ipv4MappedListenerShowsItsIpv4Address() {
    // [::ffff:127.0.0.1]:8080 listening, as Java's ServerSocketChannel bound to 127.0.0.1 makes it.
    visitProcRow(
        6,
        "   0: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A"
            + " 00000000:00000003 00:00000000 00000000  1000        0 8001 1 0000000000000000 100 0"
            + " 0 10 0");
    assertThat(census.listeners(inode -> ProcessRef.unknown("gone"), "test"))
        .extracting(Listener::endpoint)
        .containsExactly("127.0.0.1:8080");
  }

  @Test
  void listenersAreSortedByFillAndGetTheirOwners() throws Exception {
    visit(TcpState.LISTEN, "0.0.0.0", 80, "0.0.0.0", 0, 1, 511);
    visit(TcpState.LISTEN, "0.0.0.0", 8080, "0.0.0.0", 0, 9, 8);
    visit(TcpState.LISTEN, "::", 22, "::", 0, 0, 128);
    assertThat(census.listenerInodes()).containsExactlyInAnyOrder(80L, 8080L, 22L);
    List<Listener> l =
        census.listeners(
            inode -> inode == 8080 ? new ProcessRef(7, "java") : ProcessRef.unknown("gone"),
            "test");
    assertThat(l).extracting(Listener::port).containsExactly(8080, 80, 22);
    assertThat(l.get(0).full()).isTrue();
    assertThat(l.get(0).owner().describe()).isEqualTo("pid 7 (java)");
    assertThat(l.get(2).endpoint()).isEqualTo("[0:0:0:0:0:0:0:0]:22");
  }
}
