package io.sockwarden.linux.sockets;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * Reads TCP sockets with a {@code NETLINK_SOCK_DIAG} {@code inet_diag} dump, the interface {@code
 * ss} uses. It exists because it is the only source of a listener's maximum accept-queue length
 * (the effective {@code listen()} backlog, {@code idiag_wqueue}); {@code /proc/net/tcp} lacks it.
 * It is also faster than {@code /proc/net/tcp} and filters states in the kernel, so a TIME_WAIT
 * census does not pay for the other sockets.
 *
 * <p>The binding is plain JNA over libc ({@code socket}, {@code sendto}, {@code recv}, {@code
 * close}); the structs are packed and read with a {@link ByteBuffer} in native byte order at the
 * offsets of {@code linux/netlink.h} and {@code linux/inet_diag.h}. No root is needed.
 *
 * <p>Usage: check {@link #available()} once and fall back to {@link ProcNetTcpReader} when it is
 * false; {@link #read} also throws {@link IOException} when the socket cannot be made or the kernel
 * answers with an error, and when the kernel sends nothing for the receive timeout ({@code
 * SO_RCVTIMEO}, 2 s unless given), so a stuck dump ends in the fallback instead of hanging the
 * scan. One instance reuses a 64 KiB receive buffer and allocates nothing per socket; {@link #read}
 * is synchronized, so an instance may be shared, but reads do not overlap.
 */
public final class NetlinkSocketReader implements SocketReader {

  // ---- constants from linux/socket.h, linux/netlink.h, linux/sock_diag.h, linux/in.h ----
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW = 3;
  private static final int NETLINK_SOCK_DIAG = 4;
  private static final int IPPROTO_TCP = 6;
  private static final int SOCK_DIAG_BY_FAMILY = 20;
  private static final short NLM_F_REQUEST = 0x01;
  private static final short NLM_F_DUMP = 0x300; // NLM_F_ROOT | NLM_F_MATCH
  private static final int NLMSG_ERROR = 2;
  private static final int NLMSG_DONE = 3;
  private static final int EINTR = 4;
  private static final int EAGAIN = 11; // also EWOULDBLOCK; what recv returns at SO_RCVTIMEO

  /** How long a read waits for the kernel's next reply unless told otherwise. */
  public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofSeconds(2);

  /**
   * {@code struct nlmsghdr}, 16 bytes, host byte order: u32 nlmsg_len (header included) at 0, u16
   * nlmsg_type at 4, u16 nlmsg_flags at 6, u32 nlmsg_seq at 8, u32 nlmsg_pid at 12.
   */
  static final int NLMSG_HDRLEN = 16;

  /**
   * {@code struct inet_diag_sockid}, 48 bytes, ports and addresses in network byte order: be16
   * idiag_sport at 0, be16 idiag_dport at 2, be32 idiag_src[4] at 4, be32 idiag_dst[4] at 20, u32
   * idiag_if at 36, u32 idiag_cookie[2] at 40.
   */
  private static final int SOCKID_LEN = 48;

  /**
   * {@code struct inet_diag_req_v2}, 56 bytes: u8 sdiag_family at 0, u8 sdiag_protocol at 1, u8
   * idiag_ext at 2, u8 pad at 3, u32 idiag_states at 4, inet_diag_sockid id at 8 (all zero: no
   * filter on addresses).
   */
  private static final int REQ_V2_LEN = 8 + SOCKID_LEN;

  /**
   * {@code struct inet_diag_msg}, 72 bytes: u8 idiag_family at 0, u8 idiag_state at 1, u8
   * idiag_timer at 2, u8 idiag_retrans at 3, inet_diag_sockid id at 4, u32 idiag_expires (ms) at
   * 52, u32 idiag_rqueue at 56, u32 idiag_wqueue at 60, u32 idiag_uid at 64, u32 idiag_inode at 68.
   * Attributes (none requested) would follow.
   */
  static final int DIAG_MSG_LEN = 4 + SOCKID_LEN + 20;

  private static final int MSG_FAMILY = 0;
  private static final int MSG_STATE = 1;
  private static final int MSG_SPORT = 4;
  private static final int MSG_DPORT = 6;
  private static final int MSG_SRC = 8;
  private static final int MSG_DST = 24;
  private static final int MSG_RQUEUE = 56;
  private static final int MSG_WQUEUE = 60;
  private static final int MSG_UID = 64;
  private static final int MSG_INODE = 68;

  /**
   * {@code struct sockaddr_nl}, 12 bytes: u16 family, u16 pad, u32 pid (0 = kernel), u32 groups.
   */
  private static final int SOCKADDR_NL_LEN = 12;

  /**
   * Larger than any dump message: the kernel sizes a dump skb from the reader's buffer but caps it
   * at 32 KiB (net/netlink/af_netlink.c, max_recvmsg_len), so 64 KiB never truncates.
   */
  private static final int RECEIVE_BUFFER_BYTES = 64 * 1024;

  /** The libc functions this reader needs; sizes ({@code size_t}, {@code ssize_t}) as C long. */
  interface LibC extends Library {
    int socket(int domain, int type, int protocol);

    NativeLong sendto(
        int fd, Pointer buf, NativeLong len, int flags, Pointer destAddr, int addrLen);

    NativeLong recv(int fd, Pointer buf, NativeLong len, int flags);

    int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

    int close(int fd);
  }

  /** Loads libc on first use; holds the failure instead when JNA or libc cannot be loaded. */
  private static final class LibcHolder {
    static final LibC INSTANCE;
    static final String FAILURE;

    static {
      LibC lib = null;
      String failure = null;
      try {
        // By its soname first: JNA resolves the bare name "c" by running `ldconfig -p`, a child
        // process at every start.
        lib = Native.load(Platform.isLinux() ? "libc.so.6" : Platform.C_LIBRARY_NAME, LibC.class);
      } catch (LinkageError e) {
        try {
          lib = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
        } catch (LinkageError again) {
          failure = "cannot load libc through JNA: " + again;
        }
      }
      INSTANCE = lib;
      FAILURE = failure;
    }
  }

  // Direct buffers, so that native code reads and writes them in place (no copies per call).
  private final ByteBuffer request =
      ByteBuffer.allocateDirect(NLMSG_HDRLEN + REQ_V2_LEN).order(ByteOrder.nativeOrder());
  private final ByteBuffer kernelAddress =
      ByteBuffer.allocateDirect(SOCKADDR_NL_LEN).order(ByteOrder.nativeOrder());
  private final ByteBuffer reply =
      ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES).order(ByteOrder.nativeOrder());
  private final TcpSocket socket = new TcpSocket();
  private final long receiveTimeoutMillis;
  private int sequence;

  /** {@link #NetlinkSocketReader(Duration)} with {@link #DEFAULT_RECEIVE_TIMEOUT}. */
  public NetlinkSocketReader() {
    this(DEFAULT_RECEIVE_TIMEOUT);
  }

  /**
   * Cheap: allocates the buffers but loads nothing native until the first {@link #read}.
   *
   * @param receiveTimeout how long {@link #read} waits for each reply from the kernel before it
   *     throws; at least 1 ms. A whole dump may take longer: only silence counts.
   */
  public NetlinkSocketReader(Duration receiveTimeout) {
    receiveTimeoutMillis = receiveTimeout.toMillis();
    if (receiveTimeoutMillis < 1) {
      throw new IllegalArgumentException("receive timeout under 1 ms: " + receiveTimeout);
    }
    kernelAddress.putShort(0, (short) AF_NETLINK); // pid 0 and groups 0: the kernel
  }

  /**
   * Whether a {@code NETLINK_SOCK_DIAG} socket can be made here: JNA and libc load and the kernel
   * accepts the socket. It does not prove that a dump succeeds ({@link #read} still may throw).
   */
  public static boolean available() {
    if (LibcHolder.INSTANCE == null) {
      return false;
    }
    int fd = LibcHolder.INSTANCE.socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
    if (fd < 0) {
      return false;
    }
    LibcHolder.INSTANCE.close(fd);
    return true;
  }

  @Override
  public String name() {
    return "netlink";
  }

  @Override
  public synchronized void read(int stateMask, SocketVisitor visitor) throws IOException {
    LibC c = libc();
    int fd = open(c);
    try {
      Buffers b = buffers();
      dump(c, fd, b, AF_INET, stateMask, visitor);
      dump(c, fd, b, AF_INET6, stateMask, visitor);
    } finally {
      c.close(fd);
    }
  }

  /**
   * Test seam: opens a socket as {@link #read} does and waits for the reply to a request that was
   * never sent, so that only the receive timeout can end the wait.
   */
  synchronized void awaitReplyToNothing() throws IOException {
    LibC c = libc();
    int fd = open(c);
    try {
      receiveUntilDone(c, fd, buffers(), ++sequence, s -> {});
    } finally {
      c.close(fd);
    }
  }

  private static LibC libc() throws IOException {
    if (LibcHolder.INSTANCE == null) {
      throw new IOException(LibcHolder.FAILURE);
    }
    return LibcHolder.INSTANCE;
  }

  /** A {@code NETLINK_SOCK_DIAG} socket with the receive timeout set. */
  private int open(LibC c) throws IOException {
    // No SOCK_CLOEXEC: its value differs between architectures, and the JDK closes inherited
    // descriptors in the children it starts.
    int fd = c.socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
    if (fd < 0) {
      throw new IOException(
          "socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG) failed, errno " + Native.getLastError());
    }
    // SOL_SOCKET and SO_RCVTIMEO (the original one, taking a struct timeval of two C longs) differ
    // between architectures: asm-generic/socket.h, arch/{powerpc,mips,sparc}/.../asm/socket.h.
    int solSocket = Platform.isMIPS() || Platform.isSPARC() ? 0xFFFF : 1;
    int soRcvtimeo =
        Platform.isPPC() ? 18 : Platform.isMIPS() ? 0x1006 : Platform.isSPARC() ? 0x2000 : 20;
    ByteBuffer timeval = timeval(receiveTimeoutMillis);
    int result =
        c.setsockopt(
            fd, solSocket, soRcvtimeo, Native.getDirectBufferPointer(timeval), timeval.capacity());
    if (result != 0) {
      int errno = Native.getLastError();
      c.close(fd);
      throw new IOException("netlink setsockopt(SO_RCVTIMEO) failed, errno " + errno);
    }
    return fd;
  }

  /** A {@code struct timeval} ({@code long tv_sec}, {@code long tv_usec}) of {@code millis}. */
  private static ByteBuffer timeval(long millis) {
    ByteBuffer tv = ByteBuffer.allocateDirect(2 * Native.LONG_SIZE).order(ByteOrder.nativeOrder());
    long seconds = millis / 1000;
    long micros = millis % 1000 * 1000;
    if (Native.LONG_SIZE == 8) {
      tv.putLong(0, seconds).putLong(8, micros);
    } else {
      tv.putInt(0, (int) Math.min(seconds, Integer.MAX_VALUE)).putInt(4, (int) micros);
    }
    return tv;
  }

  private Buffers buffers() {
    return new Buffers(
        Native.getDirectBufferPointer(request),
        Native.getDirectBufferPointer(kernelAddress),
        Native.getDirectBufferPointer(reply));
  }

  /** Native addresses of the direct buffers, for one read. */
  private record Buffers(Pointer request, Pointer kernelAddress, Pointer reply) {}

  /** Sends one dump request for {@code family} and streams the replies until NLMSG_DONE. */
  private void dump(LibC c, int fd, Buffers b, int family, int stateMask, SocketVisitor visitor)
      throws IOException {
    int seq = ++sequence;
    fillRequest(request, seq, family, stateMask);
    long sent =
        c.sendto(
                fd,
                b.request(),
                new NativeLong(request.capacity()),
                0,
                b.kernelAddress(),
                SOCKADDR_NL_LEN)
            .longValue();
    if (sent != request.capacity()) {
      throw new IOException("netlink sendto failed, errno " + Native.getLastError());
    }
    receiveUntilDone(c, fd, b, seq, visitor);
  }

  /** Streams the replies of dump {@code seq} until NLMSG_DONE. */
  private void receiveUntilDone(LibC c, int fd, Buffers b, int seq, SocketVisitor visitor)
      throws IOException {
    NativeLong capacity = new NativeLong(reply.capacity());
    boolean done = false;
    while (!done) {
      long n = c.recv(fd, b.reply(), capacity, 0).longValue();
      if (n < 0) {
        int errno = Native.getLastError();
        if (errno == EINTR) {
          continue;
        }
        if (errno == EAGAIN) {
          throw new IOException(
              "netlink inet_diag timed out: no reply from the kernel within "
                  + receiveTimeoutMillis
                  + " ms");
        }
        throw new IOException("netlink recv failed, errno " + errno);
      }
      if (n == 0) {
        throw new IOException("netlink socket closed before NLMSG_DONE");
      }
      done = parseReplies(reply, (int) n, seq, socket, visitor);
    }
  }

  /**
   * Writes an {@code nlmsghdr} followed by an {@code inet_diag_req_v2} asking for a dump of the TCP
   * sockets of {@code family} whose state bit is in {@code stateMask}.
   */
  static void fillRequest(ByteBuffer into, int seq, int family, int stateMask) {
    for (int i = 0; i < into.capacity(); i++) {
      into.put(i, (byte) 0);
    }
    // nlmsghdr
    into.putInt(0, NLMSG_HDRLEN + REQ_V2_LEN);
    into.putShort(4, (short) SOCK_DIAG_BY_FAMILY);
    into.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
    into.putInt(8, seq);
    into.putInt(12, 0); // nlmsg_pid: the kernel fills in our port id
    // inet_diag_req_v2
    into.put(NLMSG_HDRLEN, (byte) family);
    into.put(NLMSG_HDRLEN + 1, (byte) IPPROTO_TCP);
    into.put(NLMSG_HDRLEN + 2, (byte) 0); // idiag_ext: no extra attributes
    into.putInt(NLMSG_HDRLEN + 4, stateMask);
  }

  /**
   * Parses the netlink messages in the first {@code length} bytes of {@code buf} (one {@code recv}
   * may carry many, each padded to 4 bytes), filling {@code into} and calling {@code visitor} for
   * each {@code inet_diag_msg}. Messages of another sequence number are skipped.
   *
   * @return true when NLMSG_DONE ended the dump
   * @throws IOException on NLMSG_ERROR (with the kernel's errno) or a message that does not fit
   */
  static boolean parseReplies(
      ByteBuffer buf, int length, int seq, TcpSocket into, SocketVisitor visitor)
      throws IOException {
    int offset = 0;
    while (offset + NLMSG_HDRLEN <= length) {
      int messageLength = buf.getInt(offset);
      int type = Short.toUnsignedInt(buf.getShort(offset + 4));
      int messageSeq = buf.getInt(offset + 8);
      if (messageLength < NLMSG_HDRLEN || messageLength > length - offset) {
        throw new IOException(
            "malformed netlink message: length " + messageLength + " at offset " + offset);
      }
      int payload = offset + NLMSG_HDRLEN;
      if (messageSeq == seq) {
        if (type == NLMSG_DONE) {
          // The payload is an int: 0, or a negative errno when the dump failed part way.
          int error = messageLength >= NLMSG_HDRLEN + 4 ? buf.getInt(payload) : 0;
          if (error < 0) {
            throw new IOException("netlink inet_diag dump failed, errno " + -error);
          }
          return true;
        }
        if (type == NLMSG_ERROR) {
          // struct nlmsgerr: int error (negative errno; 0 is an acknowledgement), then the request.
          int error = messageLength >= NLMSG_HDRLEN + 4 ? buf.getInt(payload) : 0;
          if (error != 0) {
            throw new IOException("netlink inet_diag request failed, errno " + -error);
          }
        } else if (type == SOCK_DIAG_BY_FAMILY) {
          if (messageLength < NLMSG_HDRLEN + DIAG_MSG_LEN) {
            throw new IOException("short inet_diag_msg: " + messageLength + " bytes");
          }
          fillSocket(buf, payload, into);
          visitor.visit(into);
        }
      }
      offset += (messageLength + 3) & ~3; // NLMSG_ALIGN
    }
    return false;
  }

  /** Copies one {@code inet_diag_msg} at {@code at} into the flyweight. */
  private static void fillSocket(ByteBuffer buf, int at, TcpSocket into) {
    into.family = buf.get(at + MSG_FAMILY) == AF_INET6 ? 6 : 4;
    into.state = Byte.toUnsignedInt(buf.get(at + MSG_STATE));
    // Addresses are 16 bytes in network order either way; IPv4 uses the first 4, the rest is 0.
    buf.get(at + MSG_SRC, into.localAddress, 0, 16);
    buf.get(at + MSG_DST, into.remoteAddress, 0, 16);
    into.localPort = bigEndianU16(buf, at + MSG_SPORT);
    into.remotePort = bigEndianU16(buf, at + MSG_DPORT);
    // For a listener: connections in the accept queue, and its maximum (the effective backlog).
    // Otherwise bytes unread and bytes unacknowledged. TIME_WAIT sockets report 0, 0.
    into.receiveQueue = Integer.toUnsignedLong(buf.getInt(at + MSG_RQUEUE));
    into.sendQueue = Integer.toUnsignedLong(buf.getInt(at + MSG_WQUEUE));
    into.uid = buf.getInt(at + MSG_UID);
    into.inode = Integer.toUnsignedLong(buf.getInt(at + MSG_INODE));
  }

  private static int bigEndianU16(ByteBuffer buf, int at) {
    return (Byte.toUnsignedInt(buf.get(at)) << 8) | Byte.toUnsignedInt(buf.get(at + 1));
  }
}
