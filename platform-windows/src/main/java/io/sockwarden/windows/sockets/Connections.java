package io.sockwarden.windows.sockets;

import java.util.List;
import java.util.Objects;

/**
 * A TCP table as one source read it.
 *
 * @param rows the connections and listeners, IPv4 and IPv6
 * @param source where they were read, with the reason when a fallback was used
 */
public record Connections(List<TcpRow> rows, String source) {
  public Connections {
    rows = List.copyOf(rows);
    Objects.requireNonNull(source, "source");
  }
}
