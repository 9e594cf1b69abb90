package io.sockwarden.linux.proc;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The formats of {@code net.ipv4.ip_local_port_range} ({@code "32768\t60999"}) and {@code
 * net.ipv4.ip_local_reserved_ports} (a comma-separated list of ports and ranges, {@code
 * "8080,9000-9009"}, or empty).
 */
public final class PortRanges {
  private PortRanges() {}

  /**
   * Parses a {@code low high} pair.
   *
   * @throws IllegalArgumentException when it is not two ports with {@code low <= high}
   */
  public static int[] parseRange(String text) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected 'low high', got '" + text + "'");
    }
    int low = port(parts[0]);
    int high = port(parts[1]);
    if (low > high) {
      throw new IllegalArgumentException("low port " + low + " is above high port " + high);
    }
    return new int[] {low, high};
  }

  /**
   * Parses a reserved-ports list into the set of ports.
   *
   * @throws IllegalArgumentException on a malformed element
   */
  public static BitSet parseList(String text) {
    BitSet ports = new BitSet(65536);
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return ports;
    }
    for (String element : trimmed.split(",")) {
      String e = element.trim();
      int dash = e.indexOf('-');
      if (dash < 0) {
        ports.set(port(e));
      } else {
        int from = port(e.substring(0, dash));
        int to = port(e.substring(dash + 1));
        if (from > to) {
          throw new IllegalArgumentException("reversed range '" + e + "'");
        }
        ports.set(from, to + 1);
      }
    }
    return ports;
  }

  /** Formats a set of ports the way the kernel prints it: {@code 8080,9000-9009}. */
  public static String formatList(BitSet ports) {
    List<String> parts = new ArrayList<>();
    int from = ports.nextSetBit(0);
    while (from >= 0) {
      int to = ports.nextClearBit(from) - 1;
      parts.add(from == to ? Integer.toString(from) : from + "-" + to);
      from = ports.nextSetBit(to + 1);
    }
    return String.join(",", parts);
  }

  /** How many ports of {@code ports} lie within {@code low..high}. */
  public static int countWithin(BitSet ports, int low, int high) {
    return ports.get(low, high + 1).cardinality();
  }

  private static int port(String text) {
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a port number");
    }
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException(value + " is not a port (0-65535)");
    }
    return value;
  }
}
