package io.sockwarden.windows.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.model.ConnectionCensus;
import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.PortExclusion;
import io.sockwarden.model.ProcessRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsCensusTest {
  static final WindowsCensus.Range V4 =
      new WindowsCensus.Range(
          49152, 65535, List.of(new PortExclusion("ipv4", 50000, 50059, true, "n")));
  static final WindowsCensus.Range V6 = new WindowsCensus.Range(49152, 65535, List.of());

  static ConnectionCensus census(byte[] v4, byte[] v6) {
    List<TcpRow> rows = new ArrayList<>(TcpTableBytes.parseV4(v4));
    rows.addAll(TcpTableBytes.parseV6(v6));
    return WindowsCensus.of(
        new Connections(rows, "table"),
        V4,
        V6,
        pid -> pid == 1032 ? new ProcessRef(1032, "svchost.exe") : ProcessRef.unknown("pid 0"));
  }

  @Test
  void countsStatesListenersAndPortsPerDestination() {
    ConnectionCensus c =
        census(
            TcpTables.v4()
                .row(2, "0.0.0.0", 135, "0.0.0.0", 0, 1032)
                .row(5, "10.0.0.5", 50123, "10.0.0.9", 5432, 1)
                .row(11, "10.0.0.5", 50124, "10.0.0.9", 5432, 0)
                .row(11, "10.0.0.5", 50125, "10.0.0.9", 5432, 0)
                .row(3, "10.0.0.5", 60000, "10.0.0.7", 443, 1)
                // inbound to a service: the local port is the service's, not a dynamic one
                .row(5, "10.0.0.5", 135, "10.0.0.200", 51000, 1032)
                // inside an excluded range: not handed out by Windows, not counted
                .row(5, "10.0.0.5", 50001, "10.0.0.9", 5432, 1)
                .bytes(),
            TcpTables.v6()
                .row(5, "::ffff:10.0.0.5", 49999, "::ffff:10.0.0.9", 5432, 1)
                .row(11, "2001:db8::5", 49800, "2001:db8::9", 443, 0)
                .bytes());
    assertThat(c.states().get("ESTABLISHED")).isEqualTo(4);
    assertThat(c.states().timeWait()).isEqualTo(3);
    assertThat(c.states().get("LISTEN")).isEqualTo(1);
    assertThat(c.listeners())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.endpoint()).isEqualTo("0.0.0.0:135");
              assertThat(l.owner().describe()).isEqualTo("pid 1032 (svchost.exe)");
              assertThat(l.backlogKnown()).isFalse();
            });
    assertThat(c.destinations())
        .extracting(
            DestinationPorts::endpoint,
            DestinationPorts::established,
            DestinationPorts::timeWait,
            DestinationPorts::other)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("10.0.0.9:5432", 2, 2, 0),
            org.assertj.core.groups.Tuple.tuple("10.0.0.7:443", 0, 0, 1),
            org.assertj.core.groups.Tuple.tuple("[2001:db8:0:0:0:0:0:9]:443", 0, 1, 0));
  }

  @Test
  void emptyTablesMakeAnEmptyCensus() {
    ConnectionCensus c = census(new byte[4], new byte[4]);
    assertThat(c.states().total()).isZero();
    assertThat(c.destinations()).isEmpty();
  }

  @Test
  void fallbackSourceSaysWhyTheFirstFailed() throws IOException {
    FallbackConnectionSource s =
        new FallbackConnectionSource(
            () -> {
              throw new IllegalStateException("Structure exceeds provided memory bounds");
            },
            () -> new Connections(List.of(), "GetExtendedTcpTable"));
    assertThat(s.read().source())
        .isEqualTo("GetExtendedTcpTable (OSHI failed: Structure exceeds provided memory bounds)");
  }

  @Test
  void fallbackSourceFailsWhenBothFail() {
    FallbackConnectionSource s =
        new FallbackConnectionSource(
            () -> {
              throw new IllegalStateException("oshi");
            },
            () -> {
              throw new IOException("rc 87");
            });
    assertThatThrownBy(s::read)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("oshi")
        .hasMessageContaining("rc 87");
  }
}
