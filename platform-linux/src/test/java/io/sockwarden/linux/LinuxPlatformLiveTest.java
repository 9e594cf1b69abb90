package io.sockwarden.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.linux.sockets.ProcNetTcpReader;
import io.sockwarden.linux.sockets.TcpState;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.LinuxFacts;
import io.sockwarden.model.Listener;
import io.sockwarden.model.SockStat;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Reads the real /proc of this machine: checks invariants, not values, and compares what it reads
 * with independent sources (cat(1); netlink against /proc/net/tcp on sockets the test opens).
 */
@EnabledOnOs(OS.LINUX)
class LinuxPlatformLiveTest {
  private static final int BACKLOG = 7;

  private final HostFacts facts =
      new LinuxPlatform()
          .collect(new CollectionContext(Path.of("/proc"), Path.of("/"), Path.of("/nonexistent")));

  @Test
  void readsWholeValuesNotTruncatedOnes() throws Exception {
    // cat(1) reads with read(2) until end of file: a source independent of our Java readers.
    assertThat(facts.sysctl("net.core.somaxconn").orElseThrow().value())
        .isEqualTo(cat("/proc/sys/net/core/somaxconn"));
    assertThat(facts.sysctl("net.ipv4.ip_local_port_range").orElseThrow().value())
        .as("fields as cat prints them, tab-separated; ours single-spaced")
        .isEqualTo(cat("/proc/sys/net/ipv4/ip_local_port_range").replaceAll("\\s+", " "));
    assertThat(facts.sysctl("net.ipv4.ip_local_port_range").orElseThrow().fieldCount())
        .isEqualTo(2);
  }

  @Test
  void netlinkCensusAgreesWithProcNetTcpOnOurOwnSockets() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        Closer clients = new Closer()) {
      server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), BACKLOG);
      InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
      int port = address.getPort();
      // Never accepted: three IPv4 clients and one dual-stack IPv6 one (a v4-mapped socket).
      for (int i = 0; i < 3; i++) {
        clients.add(SocketChannel.open(StandardProtocolFamily.INET)).connect(address);
      }
      clients.add(SocketChannel.open(StandardProtocolFamily.INET6)).connect(address);
      long[] proc = waitForProcListener(port, 4);

      HostFacts live =
          new LinuxPlatform()
              .collect(
                  new CollectionContext(Path.of("/proc"), Path.of("/"), Path.of("/nonexistent")));

      assertThat(live.problems()).noneMatch(p -> p.source().contains("netlink"));
      Listener listener =
          live.listeners().stream()
              .filter(l -> l.port() == port)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no listener on " + port));
      assertThat(listener.source()).isEqualTo("netlink inet_diag");
      assertThat(listener.address()).isEqualTo("127.0.0.1");
      assertThat(listener.queued()).as("netlink accept queue").isEqualTo(4).isEqualTo(proc[0]);
      assertThat(listener.backlog()).as("netlink backlog; /proc has none").isEqualTo(BACKLOG);
      assertThat(proc[1]).isEqualTo(-1);
      assertThat(listener.owner().describe()).startsWith("pid " + ProcessHandle.current().pid());
      assertThat(live.census().orElseThrow().destinations())
          .filteredOn(d -> d.port() == port)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.endpoint()).isEqualTo("127.0.0.1:" + port);
                assertThat(d.established()).isEqualTo(4);
              });
    }
  }

  /**
   * Reads {@code /proc/net/tcp{,6}} until the listener on {@code port} holds {@code queued}
   * connections (the last ACK of a loopback handshake may trail the client's connect), at most 2 s.
   *
   * @return its accept queue and backlog as that reader sees them
   */
  private static long[] waitForProcListener(int port, long queued) throws Exception {
    ProcNetTcpReader reader = new ProcNetTcpReader(Path.of("/proc"));
    long[] seen = {-2, -2};
    for (int attempt = 0; attempt < 40; attempt++) {
      reader.read(
          1 << TcpState.LISTEN,
          s -> {
            if (s.localPort == port) {
              seen[0] = s.receiveQueue;
              seen[1] = s.sendQueue;
            }
          });
      if (seen[0] == queued) {
        return seen;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("/proc/net/tcp: listener " + port + " queue " + seen[0]);
  }

  /** The content of {@code file} as cat(1) prints it, without the final newline. */
  private static String cat(String file) throws Exception {
    Process p = new ProcessBuilder("cat", file).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } finally {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    assertThat(p.exitValue()).as("cat %s: %s", file, out).isZero();
    return out.strip();
  }

  /** Closes every channel it was given. */
  private static final class Closer implements AutoCloseable {
    private final List<SocketChannel> channels = new ArrayList<>();

    SocketChannel add(SocketChannel channel) {
      channels.add(channel);
      return channel;
    }

    @Override
    public void close() throws IOException {
      for (SocketChannel c : channels) {
        c.close();
      }
    }
  }

  @Test
  void derivesRangeFileHandlesAndCounters() {
    EphemeralRange range = facts.ephemeralRange().orElseThrow();
    assertThat(range.low()).isLessThan(range.high());
    assertThat(facts.counter("TcpExt.ListenOverflows")).isPresent();
    assertThat(facts.counter("TcpExt.ListenDrops").orElseThrow().value())
        .isGreaterThanOrEqualTo(facts.counter("TcpExt.ListenOverflows").orElseThrow().value());
    List<SockStat> sockStats = ((LinuxFacts) facts.platform()).sockStats();
    assertThat(sockStats).anyMatch(s -> s.protocol().equals("TCP") && s.get("inuse") >= 0);
    assertThat(sockStats).anyMatch(s -> s.protocol().equals("TCP6"));
  }

  @Test
  void identifiesTheKernelAndNamespace() {
    assertThat(facts.host().kernelMajor()).isGreaterThanOrEqualTo(3);
    assertThat(facts.host().networkNamespace()).matches("net:\\[\\d+\\]");
    assertThat(facts.problems()).noneMatch(p -> p.source().contains("somaxconn"));
  }
}
