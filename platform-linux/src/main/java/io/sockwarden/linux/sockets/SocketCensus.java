package io.sockwarden.linux.sockets;

import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.Listener;
import io.sockwarden.model.ProcessRef;
import io.sockwarden.model.TcpStates;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Aggregates a socket dump while it streams: totals by state, every listener, and for each
 * destination ip:port the local ports held from the ephemeral range. Memory grows with listeners
 * and destinations, not with sockets.
 *
 * <p>A connection counts against a destination only when its local port lies inside the ephemeral
 * range: inbound connections to a service (whose local port is the service's port) do not use
 * ephemeral ports. A connection from a dual-stack IPv6 socket to an IPv4-mapped address ({@code
 * ::ffff:a.b.c.d}) counts toward the same destination as a plain IPv4 connection to {@code
 * a.b.c.d}. Not thread-safe: one census per dump.
 */
public final class SocketCensus implements SocketVisitor {
  private final int low;
  private final int high;
  private final long[] states = new long[16];
  private final List<long[]> listenerQueues = new ArrayList<>();
  private final List<String> listenerAddresses = new ArrayList<>();
  private final DestinationTable destinations = new DestinationTable();
  private long sockets;

  /**
   * @param low first port of the ephemeral range
   * @param high last port of the ephemeral range
   */
  public SocketCensus(int low, int high) {
    this.low = low;
    this.high = high;
  }

  @Override
  public void visit(TcpSocket s) {
    sockets++;
    states[s.state & 15]++;
    if (s.state == TcpState.LISTEN) {
      listenerQueues.add(new long[] {s.localPort, s.receiveQueue, s.sendQueue, s.inode});
      // InetAddress turns an IPv4-mapped address into its IPv4 form: ::ffff:127.0.0.1 shows as
      // 127.0.0.1, like a plain IPv4 listener on that address.
      listenerAddresses.add(s.local().getHostAddress());
      return;
    }
    if (s.localPort < low || s.localPort > high) {
      return;
    }
    int kind =
        s.state == TcpState.ESTABLISHED
            ? DestinationTable.ESTABLISHED
            : s.state == TcpState.TIME_WAIT ? DestinationTable.TIME_WAIT : DestinationTable.OTHER;
    byte[] a = s.remoteAddress;
    if (s.family == 6 && !isV4Mapped(a)) {
      destinations.add(word(a, 0), word(a, 8), s.remotePort, 6, kind);
    } else {
      // An IPv4-mapped peer (::ffff:a.b.c.d, what a dual-stack AF_INET6 socket connected to an
      // IPv4 address reports) uses the same 4-tuple space as a plain AF_INET connection to
      // a.b.c.d: both count against one destination.
      int at = s.family == 6 ? 12 : 0;
      long v4 =
          ((a[at] & 0xFFL) << 24)
              | ((a[at + 1] & 0xFFL) << 16)
              | ((a[at + 2] & 0xFFL) << 8)
              | (a[at + 3] & 0xFFL);
      destinations.add(0, v4, s.remotePort, 4, kind);
    }
  }

  /** Whether a 16-byte address is IPv4-mapped: ten zero bytes, then {@code ff ff}. */
  static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
  }

  /** Eight bytes of {@code a} from {@code offset}, big-endian. */
  private static long word(byte[] a, int offset) {
    long w = 0;
    for (int i = 0; i < 8; i++) {
      w = (w << 8) | (a[offset + i] & 0xFFL);
    }
    return w;
  }

  /** How many sockets were visited. */
  public long sockets() {
    return sockets;
  }

  /** The inodes of the listening sockets, to find their owners. */
  public Set<Long> listenerInodes() {
    return listenerQueues.stream().map(q -> q[3]).collect(Collectors.toSet());
  }

  /**
   * The listeners, fullest queue first.
   *
   * @param owners listener inode to owning process; a missing inode gets {@code unknownOwner}
   */
  public List<Listener> listeners(Function<Long, ProcessRef> owners, String source) {
    List<Listener> result = new ArrayList<>();
    for (int i = 0; i < listenerQueues.size(); i++) {
      long[] q = listenerQueues.get(i);
      result.add(
          new Listener(
              listenerAddresses.get(i), (int) q[0], q[1], q[2], owners.apply(q[3]), source));
    }
    result.sort(
        Comparator.comparingInt(Listener::fillPercent)
            .reversed()
            .thenComparing(Listener::queued, Comparator.reverseOrder())
            .thenComparingInt(Listener::port));
    return result;
  }

  /** Every destination holding ephemeral ports, most ports first. */
  public List<DestinationPorts> destinations(String source) {
    List<DestinationPorts> result = new ArrayList<>(destinations.size());
    destinations.forEach(
        (address, port, established, timeWait, other) ->
            result.add(
                new DestinationPorts(
                    address(address), port, established, timeWait, other, source)));
    result.sort(
        Comparator.comparingInt(DestinationPorts::total)
            .reversed()
            .thenComparing(DestinationPorts::endpoint));
    return result;
  }

  /** Sockets by state name. */
  public TcpStates states(String source) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int state = 0; state < states.length; state++) {
      if (states[state] > 0) {
        counts.merge(TcpState.name(state), states[state], Long::sum);
      }
    }
    return new TcpStates(counts, source);
  }

  private static String address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
