package io.sockwarden.windows.sockets;

import java.io.IOException;

/** Reads the host's TCP table. */
@FunctionalInterface
public interface ConnectionSource {
  /**
   * @throws IOException when the table cannot be read
   */
  Connections read() throws IOException;
}
