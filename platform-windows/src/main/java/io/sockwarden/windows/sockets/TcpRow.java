package io.sockwarden.windows.sockets;

import java.util.Objects;

/**
 * One row of the TCP table.
 *
 * @param state the state's name as the census counts it ({@code ESTABLISHED}, {@code TIME_WAIT},
 *     {@code LISTEN}, ...)
 * @param local the local address, 4 or 16 bytes in network order
 * @param localPort the local port
 * @param remote the remote address, 4 or 16 bytes
 * @param remotePort the remote port
 * @param pid the owning process, 0 when not known
 */
public record TcpRow(
    String state, byte[] local, int localPort, byte[] remote, int remotePort, int pid) {
  public TcpRow {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
  }

  /** The census' name for a {@code MIB_TCP_STATE} (1 CLOSED ... 12 DELETE_TCB). */
  public static String stateName(int mibState) {
    return switch (mibState) {
      case 1 -> "CLOSE";
      case 2 -> "LISTEN";
      case 3 -> "SYN_SENT";
      case 4 -> "SYN_RECV";
      case 5 -> "ESTABLISHED";
      case 6 -> "FIN_WAIT1";
      case 7 -> "FIN_WAIT2";
      case 8 -> "CLOSE_WAIT";
      case 9 -> "CLOSING";
      case 10 -> "LAST_ACK";
      case 11 -> "TIME_WAIT";
      case 12 -> "DELETE_TCB";
      default -> "UNKNOWN";
    };
  }
}
