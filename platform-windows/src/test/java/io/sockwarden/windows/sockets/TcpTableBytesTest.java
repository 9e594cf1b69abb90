package io.sockwarden.windows.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpTableBytesTest {
  @Test
  void parsesIpv4OwnerPidRows() {
    byte[] table =
        TcpTables.v4()
            .row(2, "0.0.0.0", 135, "0.0.0.0", 0, 1032)
            .row(5, "10.0.0.5", 50123, "10.0.0.9", 5432, 4242)
            .row(11, "10.0.0.5", 50124, "10.0.0.9", 5432, 0)
            .bytes();
    List<TcpRow> rows = TcpTableBytes.parseV4(table);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).state()).isEqualTo("LISTEN");
    assertThat(rows.get(0).localPort()).isEqualTo(135);
    assertThat(rows.get(0).pid()).isEqualTo(1032);
    TcpRow est = rows.get(1);
    assertThat(est.state()).isEqualTo("ESTABLISHED");
    assertThat(est.local()).containsExactly(10, 0, 0, 5);
    assertThat(est.localPort()).isEqualTo(50123);
    assertThat(est.remote()).containsExactly(10, 0, 0, 9);
    assertThat(est.remotePort()).isEqualTo(5432);
    assertThat(rows.get(2).state()).isEqualTo("TIME_WAIT");
  }

  @Test
  void parsesIpv6OwnerPidRowsIncludingMappedPeers() {
    byte[] table =
        TcpTables.v6()
            .row(2, "::", 445, "::", 0, 4)
            .row(5, "2001:db8::5", 49800, "2001:db8::9", 443, 77)
            .row(11, "::ffff:10.0.0.5", 49801, "::ffff:10.0.0.9", 80, 0)
            .bytes();
    List<TcpRow> rows = TcpTableBytes.parseV6(table);
    assertThat(rows)
        .extracting(TcpRow::state)
        .containsExactly("LISTEN", "ESTABLISHED", "TIME_WAIT");
    assertThat(rows.get(1).localPort()).isEqualTo(49800);
    assertThat(rows.get(1).remotePort()).isEqualTo(443);
    assertThat(rows.get(1).pid()).isEqualTo(77);
    assertThat(rows.get(2).remote()).hasSize(16);
    assertThat(Arrays.copyOfRange(rows.get(2).remote(), 12, 16)).containsExactly(10, 0, 0, 9);
  }

  @Test
  void anEmptyTableIsNoRows() {
    assertThat(TcpTableBytes.parseV4(new byte[4])).isEmpty();
    assertThat(TcpTableBytes.parseV6(new byte[4])).isEmpty();
  }

  @Test
  void aTruncatedTableIsRefused() {
    byte[] table = TcpTables.v4().row(5, "10.0.0.5", 1, "10.0.0.9", 2, 3).bytes();
    assertThatThrownBy(() -> TcpTableBytes.parseV4(Arrays.copyOf(table, table.length - 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("do not fit");
  }

  @Test
  void unknownStatesAreNamedUnknown() {
    assertThat(TcpRow.stateName(0)).isEqualTo("UNKNOWN");
    assertThat(TcpRow.stateName(12)).isEqualTo("DELETE_TCB");
  }
}
