package io.sockwarden.linux.sockets;

import java.io.IOException;

/** A source of TCP sockets (IPv4 and IPv6) of the current network namespace. */
public interface SocketReader {
  /** A short name for reports: {@code netlink} or {@code /proc/net/tcp}. */
  String name();

  /**
   * Streams every TCP socket whose state is in {@code stateMask} (bit {@code 1 << state}) to {@code
   * visitor}.
   *
   * @throws IOException when the source cannot be read at all
   */
  void read(int stateMask, SocketVisitor visitor) throws IOException;

  /** A mask with every state. */
  int ALL_STATES = 0xFFF << 1;
}
