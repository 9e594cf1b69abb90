package io.sockwarden.windows.sockets;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.IPHlpAPI;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads both TCP tables with {@code GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL)} and parses them
 * with {@link TcpTableBytes}, which (unlike OSHI) takes an empty table in its stride.
 */
public final class JnaTcpTable implements ConnectionSource {
  static final String SOURCE = "GetExtendedTcpTable (TCP_TABLE_OWNER_PID_ALL)";
  private static final int TCP_TABLE_OWNER_PID_ALL = 5;
  private static final int ERROR_INSUFFICIENT_BUFFER = 122;

  @Override
  public Connections read() throws IOException {
    List<TcpRow> rows = new ArrayList<>(TcpTableBytes.parseV4(table(IPHlpAPI.AF_INET)));
    rows.addAll(TcpTableBytes.parseV6(table(IPHlpAPI.AF_INET6)));
    return new Connections(rows, SOURCE);
  }

  private static byte[] table(int family) throws IOException {
    IntByReference size = new IntByReference(0);
    // The table can grow between the call that sizes it and the one that fills it: retry.
    for (int attempt = 0; attempt < 8; attempt++) {
      int wanted = size.getValue();
      Memory buffer = wanted > 0 ? new Memory(wanted) : null;
      int rc =
          IPHlpAPI.INSTANCE.GetExtendedTcpTable(
              buffer, size, false, family, TCP_TABLE_OWNER_PID_ALL, 0);
      if (rc == 0) {
        return buffer == null ? new byte[4] : buffer.getByteArray(0, wanted);
      }
      if (rc != ERROR_INSUFFICIENT_BUFFER) {
        throw new IOException(
            "GetExtendedTcpTable("
                + (family == IPHlpAPI.AF_INET ? "IPv4" : "IPv6")
                + ") failed: "
                + rc);
      }
      size.setValue(size.getValue() + 64 * TcpTableBytes.V6_ROW);
    }
    throw new IOException("GetExtendedTcpTable: the table kept growing");
  }
}
