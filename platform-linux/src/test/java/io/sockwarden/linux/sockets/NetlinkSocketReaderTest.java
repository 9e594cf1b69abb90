package io.sockwarden.linux.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The netlink message layout, on hand-built buffers; the live dump is in the netns test. */
class NetlinkSocketReaderTest {
  private static final int SEQ = 7;

  private final ByteBuffer buf = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
  private final List<String> seen = new ArrayList<>();
  private final SocketVisitor visitor =
      s ->
          seen.add(
              s.family
                  + " "
                  + TcpState.name(s.state)
                  + " "
                  + s.local().getHostAddress()
                  + ":"
                  + s.localPort
                  + " "
                  + s.remote().getHostAddress()
                  + ":"
                  + s.remotePort
                  + " rq="
                  + s.receiveQueue
                  + " wq="
                  + s.sendQueue
                  + " uid="
                  + s.uid
                  + " inode="
                  + s.inode);

  @Test
  void writesAnInetDiagReqV2DumpRequest() {
    ByteBuffer req = ByteBuffer.allocate(72).order(ByteOrder.nativeOrder());
    req.put(30, (byte) 0x55); // stale bytes are cleared
    NetlinkSocketReader.fillRequest(req, 3, 10, 1 << TcpState.LISTEN);
    assertThat(req.getInt(0)).isEqualTo(72); // nlmsg_len
    assertThat(req.getShort(4)).isEqualTo((short) 20); // SOCK_DIAG_BY_FAMILY
    assertThat(req.getShort(6)).isEqualTo((short) 0x301); // NLM_F_REQUEST | NLM_F_DUMP
    assertThat(req.getInt(8)).isEqualTo(3); // nlmsg_seq
    assertThat(req.get(16)).isEqualTo((byte) 10); // AF_INET6
    assertThat(req.get(17)).isEqualTo((byte) 6); // IPPROTO_TCP
    assertThat(req.getInt(20)).isEqualTo(1 << 10); // idiag_states
    for (int i = 24; i < 72; i++) {
      assertThat(req.get(i)).as("sockid byte %d", i).isZero();
    }
  }

  @Test
  void parsesSeveralMessagesOfOneReceiveUntilDone() throws Exception {
    int at = 0;
    at = diagMsg(at, SEQ, 2, TcpState.LISTEN, "127.0.0.1", 8080, "0.0.0.0", 0, 9, 8);
    at = diagMsg(at, SEQ, 10, TcpState.ESTABLISHED, "2001:db8::1", 443, "2001:db8::2", 1, 32, 416);
    at = diagMsg(at, SEQ + 1, 2, TcpState.CLOSE, "10.0.0.1", 1, "10.0.0.2", 2, 0, 0); // skipped
    at = header(at, 20, 3, SEQ); // NLMSG_DONE with error 0
    buf.putInt(at - 4, 0);

    assertThat(NetlinkSocketReader.parseReplies(buf, at, SEQ, new TcpSocket(), visitor)).isTrue();
    assertThat(seen)
        .containsExactly(
            "4 LISTEN 127.0.0.1:8080 0.0.0.0:0 rq=9 wq=8 uid=1000 inode=4711",
            "6 ESTABLISHED 2001:db8:0:0:0:0:0:1:443 2001:db8:0:0:0:0:0:2:1 rq=32 wq=416"
                + " uid=1000 inode=4711");
  }

  @Test
  void ipv4MappedAndIpv4ConnectionsFromOneDumpShareADestination() throws Exception {
    int at = 0;
    at = diagMsg(at, SEQ, 2, TcpState.ESTABLISHED, "10.0.0.1", 40001, "10.0.0.5", 5432, 0, 0);
    at =
        diagMsg(
            at,
            SEQ,
            10,
            TcpState.ESTABLISHED,
            "::ffff:10.0.0.1",
            40002,
            "::ffff:10.0.0.5",
            5432,
            0,
            0);
    at = diagMsg(at, SEQ, 10, TcpState.SYN_SENT, "::1", 40003, "::ffff:10.0.0.5", 5432, 0, 0);
    at = header(at, 20, 3, SEQ);
    buf.putInt(at - 4, 0);
    SocketCensus census = new SocketCensus(40000, 40999);

    assertThat(NetlinkSocketReader.parseReplies(buf, at, SEQ, new TcpSocket(), census)).isTrue();
    assertThat(census.destinations("netlink"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.endpoint()).isEqualTo("10.0.0.5:5432");
              assertThat(d.established()).isEqualTo(2);
              assertThat(d.other()).isEqualTo(1);
            });
  }

  @Test
  void asksForMoreWhenTheReceiveEndsWithoutDone() throws Exception {
    int at = diagMsg(0, SEQ, 2, TcpState.TIME_WAIT, "127.0.0.1", 40000, "127.0.0.1", 80, 0, 0);
    assertThat(NetlinkSocketReader.parseReplies(buf, at, SEQ, new TcpSocket(), visitor)).isFalse();
    assertThat(seen)
        .containsExactly("4 TIME_WAIT 127.0.0.1:40000 127.0.0.1:80 rq=0 wq=0 uid=1000 inode=4711");
  }

  @Test
  void turnsNlmsgErrorIntoIoExceptionWithErrno() {
    int at = header(0, 20 + 16, 2, SEQ); // NLMSG_ERROR: int error + the request's header
    buf.putInt(16, -13);
    assertThatThrownBy(
            () -> NetlinkSocketReader.parseReplies(buf, at, SEQ, new TcpSocket(), visitor))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("errno 13");
  }

  @Test
  void rejectsAMessageLongerThanTheReceive() {
    header(0, 200, 20, SEQ);
    assertThatThrownBy(
            () -> NetlinkSocketReader.parseReplies(buf, 100, SEQ, new TcpSocket(), visitor))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("malformed");
  }

  /**
   * The bytes of an address; {@code ::ffff:a.b.c.d} as its 16 bytes, which {@link InetAddress}
   * would shorten to the 4 of {@code a.b.c.d}.
   */
  private static byte[] raw(String address) throws IOException {
    byte[] bytes = InetAddress.getByName(address).getAddress();
    if (!address.startsWith("::ffff:")) {
      return bytes;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xFF;
    mapped[11] = (byte) 0xFF;
    System.arraycopy(bytes, 0, mapped, 12, 4);
    return mapped;
  }

  /** Writes an nlmsghdr of {@code length} bytes at {@code at}; returns the aligned end. */
  private int header(int at, int length, int type, int seq) {
    buf.putInt(at, length);
    buf.putShort(at + 4, (short) type);
    buf.putShort(at + 6, (short) 2); // NLM_F_MULTI
    buf.putInt(at + 8, seq);
    buf.putInt(at + 12, 4242);
    return at + ((length + 3) & ~3);
  }

  /**
   * Writes nlmsghdr + inet_diag_msg (72 bytes) + 4 bytes standing for attributes, with uid 1000 and
   * inode 4711; returns the aligned end.
   */
  private int diagMsg(
      int at,
      int seq,
      int family,
      int state,
      String src,
      int sport,
      String dst,
      int dport,
      int rqueue,
      int wqueue)
      throws IOException {
    int end = header(at, 16 + 72 + 4, 20, seq);
    int m = at + 16;
    buf.put(m, (byte) family);
    buf.put(m + 1, (byte) state);
    buf.put(m + 4, (byte) (sport >> 8)).put(m + 5, (byte) sport); // be16
    buf.put(m + 6, (byte) (dport >> 8)).put(m + 7, (byte) dport);
    buf.put(m + 8, raw(src));
    buf.put(m + 24, raw(dst));
    buf.putInt(m + 56, rqueue);
    buf.putInt(m + 60, wqueue);
    buf.putInt(m + 64, 1000); // uid
    buf.putInt(m + 68, 4711); // inode
    return end;
  }
}
