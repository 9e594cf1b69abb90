package io.sockwarden.windows.sockets;

import io.sockwarden.model.ConnectionCensus;
import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.Listener;
import io.sockwarden.model.PortExclusion;
import io.sockwarden.model.ProcessRef;
import io.sockwarden.model.TcpStates;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Turns a TCP table into the platform-neutral {@link ConnectionCensus}, with the same counting as
 * on Linux: sockets per state, every listener with its owner, and per destination ip:port the local
 * ports held from the dynamic range.
 *
 * <p>A connection counts against a destination only when its local port lies inside the dynamic
 * range of its address family and outside every excluded range: inbound connections to a service do
 * not use dynamic ports. A peer written as an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d},
 * from a dual-stack socket) counts with plain IPv4 {@code a.b.c.d} and against the IPv4 range.
 * Windows does not expose accept queues: listeners have backlog -1 (unknown).
 */
public final class WindowsCensus {
  /** A family's dynamic range and excluded ranges; a range with {@code low > high} is unknown. */
  public record Range(int low, int high, List<PortExclusion> excluded) {
    public Range {
      excluded = List.copyOf(excluded);
    }

    boolean holds(int port) {
      if (port < low || port > high) {
        return false;
      }
      for (PortExclusion e : excluded) {
        if (e.contains(port)) {
          return false;
        }
      }
      return true;
    }
  }

  private WindowsCensus() {}

  /**
   * @param owners the owning process of a listener's pid
   */
  public static ConnectionCensus of(
      Connections table, Range ipv4, Range ipv6, IntFunction<ProcessRef> owners) {
    String source = table.source();
    Map<String, Long> states = new LinkedHashMap<>();
    List<Listener> listeners = new ArrayList<>();
    Map<String, int[]> destinations = new HashMap<>();
    Map<String, Integer> ports = new HashMap<>();
    for (TcpRow row : table.rows()) {
      states.merge(row.state(), 1L, Long::sum);
      if (row.state().equals("LISTEN")) {
        listeners.add(
            new Listener(
                address(row.local()), row.localPort(), 0, -1, owners.apply(row.pid()), source));
        continue;
      }
      byte[] remote = unmapped(row.remote());
      Range range = remote.length == 4 ? ipv4 : ipv6;
      if (row.remotePort() == 0 || !range.holds(row.localPort())) {
        continue;
      }
      String address = address(remote);
      String key = address + "|" + row.remotePort();
      ports.putIfAbsent(key, row.remotePort());
      int[] counts = destinations.computeIfAbsent(key, k -> new int[3]);
      counts[kind(row.state())]++;
    }
    List<DestinationPorts> held = new ArrayList<>();
    destinations.forEach(
        (key, c) ->
            held.add(
                new DestinationPorts(
                    key.substring(0, key.lastIndexOf('|')),
                    ports.get(key),
                    c[0],
                    c[1],
                    c[2],
                    source)));
    held.sort(
        Comparator.comparingInt(DestinationPorts::total)
            .reversed()
            .thenComparing(DestinationPorts::endpoint));
    listeners.sort(Comparator.comparingInt(Listener::port).thenComparing(Listener::address));
    return new ConnectionCensus(new TcpStates(states, source), listeners, held, source);
  }

  private static int kind(String state) {
    return switch (state) {
      case "ESTABLISHED" -> 0;
      case "TIME_WAIT" -> 1;
      default -> 2;
    };
  }

  /** The IPv4 address inside an IPv4-mapped IPv6 address, or the address as it is. */
  static byte[] unmapped(byte[] a) {
    if (a.length != 16) {
      return a;
    }
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return a;
      }
    }
    if (a[10] != (byte) 0xFF || a[11] != (byte) 0xFF) {
      return a;
    }
    return new byte[] {a[12], a[13], a[14], a[15]};
  }

  private static String address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return "invalid address (" + bytes.length + " bytes)";
    }
  }
}
