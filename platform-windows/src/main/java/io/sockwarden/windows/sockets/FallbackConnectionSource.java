package io.sockwarden.windows.sockets;

import java.io.IOException;

/**
 * Tries one source, and another when the first fails; the result's source names the failure of the
 * first. OSHI's connection list throws when any of its four tables (TCP and UDP, both families) is
 * empty, which our own TCP table reader handles.
 */
public final class FallbackConnectionSource implements ConnectionSource {
  private final ConnectionSource first;
  private final ConnectionSource second;

  public FallbackConnectionSource(ConnectionSource first, ConnectionSource second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public Connections read() throws IOException {
    try {
      return first.read();
    } catch (IOException | RuntimeException | LinkageError e) {
      try {
        Connections c = second.read();
        return new Connections(c.rows(), c.source() + " (OSHI failed: " + e.getMessage() + ")");
      } catch (IOException | RuntimeException second) {
        second.addSuppressed(e);
        throw new IOException(
            "OSHI: " + e.getMessage() + "; GetExtendedTcpTable: " + second.getMessage(), second);
      }
    }
  }
}
