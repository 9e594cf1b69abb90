package io.sockwarden.windows.sockets;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds {@code GetExtendedTcpTable} memory as Windows lays it out (little-endian DWORDs, addresses
 * and ports in network order), for tests.
 */
final class TcpTables {
  private final ByteArrayOutputStream rows = new ByteArrayOutputStream();
  private final boolean v6;
  private int count;

  private TcpTables(boolean v6) {
    this.v6 = v6;
  }

  static TcpTables v4() {
    return new TcpTables(false);
  }

  static TcpTables v6() {
    return new TcpTables(true);
  }

  TcpTables row(int mibState, String local, int localPort, String remote, int remotePort, int pid) {
    ByteBuffer b =
        ByteBuffer.allocate(v6 ? TcpTableBytes.V6_ROW : TcpTableBytes.V4_ROW)
            .order(ByteOrder.LITTLE_ENDIAN);
    if (v6) {
      b.put(address(local)).putInt(0).put(port(localPort));
      b.put(address(remote)).putInt(0).put(port(remotePort));
      b.putInt(mibState).putInt(pid);
    } else {
      b.putInt(mibState).put(address(local)).put(port(localPort));
      b.put(address(remote)).put(port(remotePort)).putInt(pid);
    }
    rows.writeBytes(b.array());
    count++;
    return this;
  }

  byte[] bytes() {
    ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(count);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(head.array());
    all.writeBytes(rows.toByteArray());
    return all.toByteArray();
  }

  /** A port DWORD: the port big-endian in the first two bytes, then two zero bytes. */
  private static byte[] port(int port) {
    return new byte[] {(byte) (port >> 8), (byte) port, 0, 0};
  }

  private static byte[] address(String text) {
    try {
      byte[] a = InetAddress.getByName(text).getAddress();
      if (a.length == 4 && text.contains(":")) {
        // Java folds ::ffff:a.b.c.d into IPv4; the IPv6 table keeps the mapped form.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(a, 0, mapped, 12, 4);
        return mapped;
      }
      return a;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
