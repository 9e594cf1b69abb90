package io.sockwarden.linux.sockets;

import io.sockwarden.model.DestinationPorts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The child side of {@link SocketReadersInNetnsTest}: run inside a fresh network namespace (with
 * {@code lo} up), it builds a known set of TCP sockets, reads them with both readers and with
 * {@code ss -tan}, and prints a sorted summary per source for the test to compare:
 *
 * <pre>
 * ports idle 40001 busy 40002
 * netlink state ESTABLISHED 48
 * netlink listener 40001 rq 9 wq 8 family 4
 * proc state ...
 * ss state ...
 * timing netlink 1.2 ms ...
 * </pre>
 *
 * <p>The sockets: an IPv4 listener with backlog 8 that never accepts and 20 non-blocking clients (9
 * fit its accept queue, the rest stay in SYN_SENT); an IPv6 (v4-mapped) listener that accepts 330
 * connections, of which 10 are closed by the client and then the server (client TIME_WAIT) and 5 by
 * the client only (client FIN_WAIT2, server CLOSE_WAIT); and 5 IPv4 (AF_INET) clients of that same
 * listener, accepted, so that its clients are both v4-mapped and plain IPv4. Each reader's dump
 * also goes through a {@link SocketCensus}, whose destinations to the two listeners are printed:
 *
 * <pre>
 * netlink mapped clients 330
 * netlink destination 127.0.0.1:40002 established 320 timewait 10 other 5
 * </pre>
 */
public final class NetnsSocketProbe {
  private static final int IDLE_BACKLOG = 8;
  private static final int IDLE_CLIENTS = 20;
  private static final int BUSY_BACKLOG = 50;

  /**
   * 15 closed as below and the rest kept: about 650 sockets, so a netlink dump (about 100 bytes a
   * socket, at most 32 KiB a receive) spans several receives.
   */
  private static final int BUSY_CONNECTIONS = 330;

  private static final int FULLY_CLOSED = 10;
  private static final int HALF_CLOSED = 5;
  private static final int IPV4_CLIENTS_OF_BUSY = 5;
  private static final int TIMING_READS = 5;

  private NetnsSocketProbe() {}

  public static void main(String[] args) throws Exception {
    Path procRoot = Path.of(args.length > 0 ? args[0] : "/proc");
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    List<AutoCloseable> keep = new ArrayList<>();

    ServerSocketChannel idle = ServerSocketChannel.open(StandardProtocolFamily.INET);
    idle.bind(new InetSocketAddress(loopback, 0), IDLE_BACKLOG);
    keep.add(idle);
    InetSocketAddress idleAddress = (InetSocketAddress) idle.getLocalAddress();
    for (int i = 0; i < IDLE_CLIENTS; i++) {
      SocketChannel c = SocketChannel.open(StandardProtocolFamily.INET);
      c.configureBlocking(false); // a connect to a full queue would block for minutes
      c.connect(idleAddress);
      keep.add(c);
    }

    ProtocolFamily busyFamily = StandardProtocolFamily.INET6;
    ServerSocketChannel busy;
    try {
      busy = ServerSocketChannel.open(busyFamily);
    } catch (UnsupportedOperationException e) {
      System.out.println("note no IPv6, the busy listener is IPv4");
      busyFamily = StandardProtocolFamily.INET;
      busy = ServerSocketChannel.open(busyFamily);
    }
    busy.bind(new InetSocketAddress(loopback, 0), BUSY_BACKLOG); // v4-mapped on an IPv6 socket
    keep.add(busy);
    InetSocketAddress busyAddress = (InetSocketAddress) busy.getLocalAddress();
    ByteBuffer scratch = ByteBuffer.allocate(16);
    for (int i = 0; i < BUSY_CONNECTIONS; i++) {
      SocketChannel client = SocketChannel.open(busyFamily);
      client.connect(busyAddress);
      SocketChannel server = busy.accept();
      if (i < FULLY_CLOSED + HALF_CLOSED) {
        client.close();
        // Wait for the FIN, so the server is in CLOSE_WAIT and does not close simultaneously.
        while (server.read(scratch.clear()) >= 0) {
          // no data is sent; read until end of stream
        }
        if (i < FULLY_CLOSED) {
          server.close(); // LAST_ACK, then gone; the client stays in TIME_WAIT for 60 s
        } else {
          keep.add(server);
        }
      } else {
        keep.add(client);
        keep.add(server);
      }
    }
    for (int i = 0; i < IPV4_CLIENTS_OF_BUSY; i++) {
      SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET);
      client.connect(busyAddress);
      keep.add(client);
      keep.add(busy.accept());
    }
    // Let delayed ACKs go out (FIN_WAIT1 -> FIN_WAIT2) and SYNs to the full queue be dropped.
    Thread.sleep(500);

    System.out.println("ports idle " + idleAddress.getPort() + " busy " + busyAddress.getPort());
    NetlinkSocketReader netlink = new NetlinkSocketReader();
    ProcNetTcpReader proc = new ProcNetTcpReader(procRoot);
    System.out.println("netlink available " + NetlinkSocketReader.available());
    long start = System.nanoTime();
    print(summary("netlink", netlink));
    System.out.printf(
        "timing netlink first read, JNA loading included, %.2f ms%n",
        (System.nanoTime() - start) / 1e6);
    print(summary("proc", proc));
    System.out.println("proc malformed " + proc.malformedLines());
    print(ss());
    int[] range = portRange(procRoot);
    int[] ports = {idleAddress.getPort(), busyAddress.getPort()};
    print(census("netlink", netlink, range, ports));
    print(census("proc", proc, range, ports));
    time(netlink, SocketReader.ALL_STATES, "all");
    time(netlink, 1 << TcpState.LISTEN, "listen");
    time(proc, SocketReader.ALL_STATES, "all");
    System.out.flush();
    for (AutoCloseable c : keep) {
      c.close();
    }
  }

  /** Per-state counts and the listeners of one read, as sorted lines. */
  private static SortedSet<String> summary(String label, SocketReader reader) throws IOException {
    Map<String, Integer> states = new TreeMap<>();
    SortedSet<String> lines = new TreeSet<>();
    reader.read(
        SocketReader.ALL_STATES,
        s -> {
          states.merge(TcpState.name(s.state), 1, Integer::sum);
          if (s.state == TcpState.LISTEN) {
            lines.add(listener(label, s.localPort, s.receiveQueue, s.sendQueue, s.family));
          }
        });
    states.forEach((state, n) -> lines.add(label + " state " + state + " " + n));
    return lines;
  }

  /**
   * The census of one read: its destinations on {@code ports}, and how many sockets have an
   * IPv4-mapped peer on one of them.
   */
  private static SortedSet<String> census(
      String label, SocketReader reader, int[] range, int[] ports) throws IOException {
    SocketCensus census = new SocketCensus(range[0], range[1]);
    int[] mapped = new int[1];
    reader.read(
        SocketReader.ALL_STATES,
        s -> {
          census.visit(s);
          if (s.family == 6
              && SocketCensus.isV4Mapped(s.remoteAddress)
              && Arrays.stream(ports).anyMatch(p -> p == s.remotePort)) {
            mapped[0]++;
          }
        });
    SortedSet<String> lines = new TreeSet<>();
    lines.add(label + " mapped clients " + mapped[0]);
    for (DestinationPorts d : census.destinations(label)) {
      if (Arrays.stream(ports).anyMatch(p -> p == d.port())) {
        lines.add(
            label
                + " destination "
                + d.endpoint()
                + " established "
                + d.established()
                + " timewait "
                + d.timeWait()
                + " other "
                + d.other());
      }
    }
    return lines;
  }

  /** The namespace's ephemeral port range. */
  private static int[] portRange(Path procRoot) throws IOException {
    String[] w =
        Files.readAllLines(procRoot.resolve("sys/net/ipv4/ip_local_port_range"))
            .get(0)
            .strip()
            .split("\\s+");
    return new int[] {Integer.parseInt(w[0]), Integer.parseInt(w[1])};
  }

  private static String listener(String label, int port, long rq, long wq, int family) {
    return label + " listener " + port + " rq " + rq + " wq " + wq + " family " + family;
  }

  /** {@code ss -tan}, when ss exists here, in the same shape as {@link #summary}. */
  private static SortedSet<String> ss() throws InterruptedException {
    SortedSet<String> lines = new TreeSet<>();
    Process p;
    try {
      p = new ProcessBuilder("ss", "-tan").redirectErrorStream(true).start();
    } catch (IOException e) {
      lines.add("ss unavailable " + e.getMessage());
      return lines;
    }
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      p.destroyForcibly();
      lines.add("ss unavailable " + e.getMessage());
      return lines;
    }
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      lines.add("ss unavailable: failed: " + out.strip().replace('\n', ' '));
      return lines;
    }
    Map<String, Integer> states = new TreeMap<>();
    for (String line : out.split("\n")) {
      // State Recv-Q Send-Q Local-Address:Port Peer-Address:Port
      String[] w = line.strip().split("\\s+");
      if (w.length < 5 || w[0].equals("State")) {
        continue;
      }
      String state = ssState(w[0]);
      states.merge(state, 1, Integer::sum);
      if (state.equals("LISTEN")) {
        String local = w[3];
        int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1));
        int family = local.indexOf(':') < local.lastIndexOf(':') ? 6 : 4;
        lines.add(listener("ss", port, Long.parseLong(w[1]), Long.parseLong(w[2]), family));
      }
    }
    states.forEach((state, n) -> lines.add("ss state " + state + " " + n));
    return lines;
  }

  /** ss's state names ({@code ESTAB}, {@code FIN-WAIT-2}, ...) as {@link TcpState#name}. */
  static String ssState(String ss) {
    switch (ss) {
      case "ESTAB":
        return "ESTABLISHED";
      case "FIN-WAIT-1":
        return "FIN_WAIT1";
      case "FIN-WAIT-2":
        return "FIN_WAIT2";
      case "UNCONN":
        return "CLOSE";
      default:
        return ss.replace('-', '_');
    }
  }

  /** Prints the median and minimum of a few reads; for the report, not asserted. */
  private static void time(SocketReader reader, int stateMask, String what) throws IOException {
    double[] ms = new double[TIMING_READS];
    int[] count = new int[1];
    for (int i = 0; i < TIMING_READS; i++) {
      count[0] = 0;
      long start = System.nanoTime();
      reader.read(stateMask, s -> count[0]++);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    double first = ms[0];
    Arrays.sort(ms);
    System.out.printf(
        "timing %s %s sockets %d first %.2f ms median %.2f ms min %.2f ms%n",
        reader.name(), what, count[0], first, ms[TIMING_READS / 2], ms[0]);
  }

  private static void print(SortedSet<String> lines) {
    lines.forEach(System.out::println);
  }
}
