package io.sockwarden.linux.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcNetTcpReaderTest {
  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode";

  // 127.0.0.1:8080 listening, 9 connections waiting to be accepted.
  private static final String V4_LISTEN =
      "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000009 00:00000000 00000000  1000        0"
          + " 4711 1 0000000000000000 100 0 0 10 0";

  // 10.0.0.5:43210 -> 93.184.216.34:443, 416 bytes unacknowledged, 32 bytes unread.
  private static final String V4_ESTABLISHED =
      "   1: 0500000A:A8CA 22D8B85D:01BB 01 000001A0:00000020 02:000000F9 00000000     0        0"
          + " 5123 2 0000000000000000 20 4 30 10 -1";

  // A TIME_WAIT line has fewer columns and inode 0.
  private static final String V4_TIME_WAIT =
      "   2: 0100007F:9C40 0100007F:1F90 06 00000000:00000000 03:000016F6 00000000     0        0"
          + " 0 3 0000000000000000";

  private static final String V4_TRUNCATED = "   3: 0100007F:1F90 00000000:0000 0A";

  // [::]:22 listening.
  private static final String V6_LISTEN =
      "   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A"
          + " 00000000:00000000 00:00000000 00000000     0        0 20001 1 0000000000000000 100 0"
          + " 0 10 0";

  // [::ffff:127.0.0.1]:8080 <- [::ffff:127.0.0.1]:51000, accepted side.
  private static final String V6_MAPPED_ESTABLISHED =
      "   1: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:C738 01"
          + " 00000000:00000000 00:00000000 00000000  1000        0 30002 1 0000000000000000 20 4"
          + " 30 10 -1";

  // [2001:db8::1]:443 -> [2001:db8::2]:40000 in TIME_WAIT.
  private static final String V6_TIME_WAIT =
      "   2: B80D0120000000000000000001000000:01BB B80D0120000000000000000002000000:9C40 06"
          + " 00000000:00000000 03:00000BB8 00000000     0        0 0 3 0000000000000000";

  private final TcpSocket socket = new TcpSocket();

  private TcpSocket parse(String line, int family) {
    assertThat(ProcNetTcpReader.parseLine(line, family, ByteOrder.LITTLE_ENDIAN, socket))
        .as(line)
        .isTrue();
    return socket;
  }

  @Test
  void parsesIpv4ListenerWithAcceptQueueAndNoBacklog() throws Exception {
    TcpSocket s = parse(V4_LISTEN, 4);
    assertThat(s.family).isEqualTo(4);
    assertThat(s.state).isEqualTo(TcpState.LISTEN);
    assertThat(s.local()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(s.localPort).isEqualTo(8080);
    assertThat(s.remote()).isEqualTo(InetAddress.getByName("0.0.0.0"));
    assertThat(s.remotePort).isZero();
    assertThat(s.receiveQueue).isEqualTo(9);
    assertThat(s.sendQueue).isEqualTo(-1);
    assertThat(s.uid).isEqualTo(1000);
    assertThat(s.inode).isEqualTo(4711);
  }

  @Test
  void parsesIpv4EstablishedAddressesPortsAndQueues() throws Exception {
    TcpSocket s = parse(V4_ESTABLISHED, 4);
    assertThat(s.state).isEqualTo(TcpState.ESTABLISHED);
    assertThat(s.local()).isEqualTo(InetAddress.getByName("10.0.0.5"));
    assertThat(s.localPort).isEqualTo(43210);
    assertThat(s.remote()).isEqualTo(InetAddress.getByName("93.184.216.34"));
    assertThat(s.remotePort).isEqualTo(443);
    assertThat(s.sendQueue).isEqualTo(0x1A0);
    assertThat(s.receiveQueue).isEqualTo(0x20);
    assertThat(s.uid).isZero();
    assertThat(s.inode).isEqualTo(5123);
    // An IPv4 address uses the first 4 bytes only.
    assertThat(s.localAddress).startsWith(10, 0, 0, 5).endsWith(new byte[12]);
  }

  @Test
  void parsesIpv4TimeWaitWithoutInode() throws Exception {
    TcpSocket s = parse(V4_TIME_WAIT, 4);
    assertThat(s.state).isEqualTo(TcpState.TIME_WAIT);
    assertThat(s.localPort).isEqualTo(40000);
    assertThat(s.remote()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(s.remotePort).isEqualTo(8080);
    assertThat(s.inode).isZero();
    assertThat(s.sendQueue).isZero();
  }

  @Test
  void parsesIpv6Lines() throws Exception {
    TcpSocket listen = parse(V6_LISTEN, 6);
    assertThat(listen.family).isEqualTo(6);
    assertThat(listen.state).isEqualTo(TcpState.LISTEN);
    assertThat(listen.local()).isEqualTo(InetAddress.getByName("::"));
    assertThat(listen.localPort).isEqualTo(22);
    assertThat(listen.sendQueue).isEqualTo(-1);
    assertThat(listen.inode).isEqualTo(20001);

    TcpSocket mapped = parse(V6_MAPPED_ESTABLISHED, 6);
    assertThat(mapped.state).isEqualTo(TcpState.ESTABLISHED);
    assertThat(mapped.localAddress)
        .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 127, 0, 0, 1);
    assertThat(mapped.localPort).isEqualTo(8080);
    assertThat(mapped.remotePort).isEqualTo(51000);
    assertThat(mapped.uid).isEqualTo(1000);

    TcpSocket tw = parse(V6_TIME_WAIT, 6);
    assertThat(tw.state).isEqualTo(TcpState.TIME_WAIT);
    assertThat(tw.local()).isEqualTo(InetAddress.getByName("2001:db8::1"));
    assertThat(tw.localPort).isEqualTo(443);
    assertThat(tw.remote()).isEqualTo(InetAddress.getByName("2001:db8::2"));
    assertThat(tw.remotePort).isEqualTo(40000);
  }

  @Test
  void readsBigEndianWordsInOrder() throws Exception {
    String line = V4_ESTABLISHED.replace("0500000A:A8CA", "0A000005:A8CA");
    assertThat(ProcNetTcpReader.parseLine(line, 4, ByteOrder.BIG_ENDIAN, socket)).isTrue();
    assertThat(socket.local()).isEqualTo(InetAddress.getByName("10.0.0.5"));
  }

  @Test
  void rejectsHeaderAndMalformedLines() {
    for (String bad :
        List.of(
            HEADER,
            "",
            V4_TRUNCATED,
            V4_LISTEN.replace("0100007F:1F90", "0100007G:1F90"),
            V4_LISTEN.replace("0100007F:1F90", "100007F:1F90"),
            V4_LISTEN.replace(" 0A ", " 0D "),
            V4_LISTEN.replace("   0:", "   x:"),
            V4_LISTEN.replace(" 4711 ", " -4711 "),
            V6_LISTEN)) {
      assertThat(ProcNetTcpReader.parseLine(bad, 4, ByteOrder.LITTLE_ENDIAN, socket))
          .as(bad)
          .isFalse();
    }
    // An IPv4 line in tcp6 is malformed too: the address has the wrong length.
    assertThat(ProcNetTcpReader.parseLine(V4_LISTEN, 6, ByteOrder.LITTLE_ENDIAN, socket)).isFalse();
  }

  @Test
  void readsBothFilesFiltersByStateAndCountsMalformedLines(@TempDir Path proc) throws Exception {
    write(proc, "net/tcp", HEADER, V4_LISTEN, V4_ESTABLISHED, V4_TRUNCATED, V4_TIME_WAIT);
    write(proc, "net/tcp6", HEADER, V6_LISTEN, V6_MAPPED_ESTABLISHED, V6_TIME_WAIT);
    ProcNetTcpReader reader = new ProcNetTcpReader(proc);

    assertThat(collect(reader, SocketReader.ALL_STATES))
        .containsExactly(
            "4 LISTEN 8080 9 -1",
            "4 ESTABLISHED 43210 32 416",
            "4 TIME_WAIT 40000 0 0",
            "6 LISTEN 22 0 -1",
            "6 ESTABLISHED 8080 0 0",
            "6 TIME_WAIT 443 0 0");
    assertThat(reader.malformedLines()).isEqualTo(1);
    assertThat(reader.name()).isEqualTo("/proc/net/tcp");

    int listenAndTimeWait = (1 << TcpState.LISTEN) | (1 << TcpState.TIME_WAIT);
    assertThat(collect(reader, listenAndTimeWait))
        .containsExactly(
            "4 LISTEN 8080 9 -1",
            "4 TIME_WAIT 40000 0 0",
            "6 LISTEN 22 0 -1",
            "6 TIME_WAIT 443 0 0");
  }

  @Test
  void toleratesMissingTcp6ButNotMissingTcp(@TempDir Path proc) throws Exception {
    ProcNetTcpReader reader = new ProcNetTcpReader(proc);
    assertThatThrownBy(() -> collect(reader, SocketReader.ALL_STATES))
        .isInstanceOf(NoSuchFileException.class);

    write(proc, "net/tcp", HEADER, V4_LISTEN);
    assertThat(collect(reader, SocketReader.ALL_STATES)).containsExactly("4 LISTEN 8080 9 -1");
    assertThat(reader.malformedLines()).isZero();
  }

  private static List<String> collect(SocketReader reader, int stateMask) throws Exception {
    List<String> seen = new ArrayList<>();
    reader.read(
        stateMask,
        s ->
            seen.add(
                s.family
                    + " "
                    + TcpState.name(s.state)
                    + " "
                    + s.localPort
                    + " "
                    + s.receiveQueue
                    + " "
                    + s.sendQueue));
    return seen;
  }

  private static void write(Path root, String file, String... lines) throws Exception {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.write(path, List.of(lines), StandardCharsets.US_ASCII);
  }
}
