package io.sockwarden.linux.sockets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One TCP socket as a reader reports it to a {@link SocketVisitor}. A flyweight: the reader reuses
 * a single instance for every socket of a dump, so a visitor must copy what it keeps and must not
 * hold on to the instance.
 *
 * <p>Addresses are in network byte order; an IPv4 address uses the first 4 bytes of its array.
 */
public final class TcpSocket {
  /** 4 or 6. */
  public int family;

  /** The kernel's TCP state number ({@link TcpState}). */
  public int state;

  public final byte[] localAddress = new byte[16];
  public int localPort;
  public final byte[] remoteAddress = new byte[16];
  public int remotePort;

  /**
   * For a listener, the connections waiting in its accept queue; otherwise bytes received and not
   * read.
   */
  public long receiveQueue;

  /**
   * For a listener, the maximum accept-queue length (the effective listen() backlog), or -1 when
   * the source does not expose it ({@code /proc/net/tcp}); otherwise bytes sent and not
   * acknowledged.
   */
  public long sendQueue;

  /** The socket's inode number (0 for TIME_WAIT sockets, which have none). */
  public long inode;

  /** The owning user id, -1 when unknown. */
  public int uid;

  /** Number of significant address bytes: 4 or 16. */
  public int addressLength() {
    return family == 6 ? 16 : 4;
  }

  public InetAddress local() {
    return address(localAddress);
  }

  public InetAddress remote() {
    return address(remoteAddress);
  }

  private InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(Arrays.copyOf(bytes, addressLength()));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of length " + addressLength(), e);
    }
  }

  /** Resets every field, for readers that fill the flyweight field by field. */
  public void clear() {
    family = 0;
    state = 0;
    Arrays.fill(localAddress, (byte) 0);
    Arrays.fill(remoteAddress, (byte) 0);
    localPort = 0;
    remotePort = 0;
    receiveQueue = 0;
    sendQueue = 0;
    inode = 0;
    uid = -1;
  }
}
