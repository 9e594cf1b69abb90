package io.sockwarden.windows.sockets;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the memory {@code GetExtendedTcpTable} fills with {@code TCP_TABLE_OWNER_PID_ALL}. The
 * layout (little-endian DWORDs; addresses and ports in network order):
 *
 * <pre>
 * MIB_TCPTABLE_OWNER_PID   DWORD dwNumEntries; then per row (24 bytes):
 *   dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort, dwOwningPid
 * MIB_TCP6TABLE_OWNER_PID  DWORD dwNumEntries; then per row (56 bytes):
 *   ucLocalAddr[16], dwLocalScopeId, dwLocalPort, ucRemoteAddr[16], dwRemoteScopeId,
 *   dwRemotePort, dwState, dwOwningPid
 * </pre>
 *
 * A port DWORD holds the port in its first two bytes, big-endian. An empty table is four bytes of
 * zero. Pure functions.
 */
public final class TcpTableBytes {
  static final int V4_ROW = 24;
  static final int V6_ROW = 56;

  private TcpTableBytes() {}

  public static List<TcpRow> parseV4(byte[] table) {
    int n = entries(table, V4_ROW);
    List<TcpRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = 4 + i * V4_ROW;
      rows.add(
          new TcpRow(
              TcpRow.stateName(dword(table, at)),
              Arrays.copyOfRange(table, at + 4, at + 8),
              port(table, at + 8),
              Arrays.copyOfRange(table, at + 12, at + 16),
              port(table, at + 16),
              dword(table, at + 20)));
    }
    return rows;
  }

  public static List<TcpRow> parseV6(byte[] table) {
    int n = entries(table, V6_ROW);
    List<TcpRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = 4 + i * V6_ROW;
      rows.add(
          new TcpRow(
              TcpRow.stateName(dword(table, at + 48)),
              Arrays.copyOfRange(table, at, at + 16),
              port(table, at + 20),
              Arrays.copyOfRange(table, at + 24, at + 40),
              port(table, at + 44),
              dword(table, at + 52)));
    }
    return rows;
  }

  private static int entries(byte[] table, int rowSize) {
    if (table.length < 4) {
      throw new IllegalArgumentException("a TCP table needs at least 4 bytes, got " + table.length);
    }
    long n = Integer.toUnsignedLong(dword(table, 0));
    if (4 + n * rowSize > table.length) {
      throw new IllegalArgumentException(
          n + " rows of " + rowSize + " bytes do not fit in " + table.length + " bytes");
    }
    return (int) n;
  }

  private static int dword(byte[] b, int at) {
    return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private static int port(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }
}
