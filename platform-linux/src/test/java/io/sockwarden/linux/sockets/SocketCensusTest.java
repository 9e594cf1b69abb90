package io.sockwarden.linux.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.Listener;
import io.sockwarden.model.ProcessRef;
import java.net.InetAddress;
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
