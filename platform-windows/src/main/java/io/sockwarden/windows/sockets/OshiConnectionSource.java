package io.sockwarden.windows.sockets;

import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats;

/** The TCP rows of OSHI's {@code getConnections()}; UDP rows are left out. */
public final class OshiConnectionSource implements ConnectionSource {
  static final String SOURCE = "OSHI InternetProtocolStats.getConnections";

  @Override
  public Connections read() {
    List<TcpRow> rows = new ArrayList<>();
    for (InternetProtocolStats.IPConnection c :
        new SystemInfo().getOperatingSystem().getInternetProtocolStats().getConnections()) {
      if (!c.getType().startsWith("tcp")) {
        continue;
      }
      rows.add(
          new TcpRow(
              state(c.getState()),
              c.getLocalAddress(),
              c.getLocalPort(),
              c.getForeignAddress(),
              c.getForeignPort(),
              c.getowningProcessId()));
    }
    return new Connections(rows, SOURCE);
  }

  static String state(InternetProtocolStats.TcpState s) {
    return switch (s) {
      case CLOSED -> "CLOSE";
      case LISTEN -> "LISTEN";
      case SYN_SENT -> "SYN_SENT";
      case SYN_RECV -> "SYN_RECV";
      case ESTABLISHED -> "ESTABLISHED";
      case FIN_WAIT_1 -> "FIN_WAIT1";
      case FIN_WAIT_2 -> "FIN_WAIT2";
      case CLOSE_WAIT -> "CLOSE_WAIT";
      case CLOSING -> "CLOSING";
      case LAST_ACK -> "LAST_ACK";
      case TIME_WAIT -> "TIME_WAIT";
      default -> "UNKNOWN";
    };
  }
}
