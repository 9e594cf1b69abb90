package io.sockwarden.linux.sockets;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads TCP sockets from {@code <procRoot>/net/tcp} and {@code net/tcp6}. It exists as the fallback
 * for {@link NetlinkSocketReader}: it needs no native code and works wherever {@code /proc} is
 * mounted, and the proc root is a parameter so tests can point it at a fixture tree. It cannot tell
 * a listener's maximum backlog: listeners get {@code sendQueue = -1}.
 *
 * <p>Each line after the header reads (net/ipv4/tcp_ipv4.c, {@code get_tcp4_sock}):
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4711 ...
 * </pre>
 *
 * <p>Addresses are the {@code __be32} words of the address printed as host-order integers in hex
 * ({@code %08X}), so on little-endian machines {@code 0100007F} is 127.0.0.1; IPv6 addresses are 4
 * such words. Ports and the state are hex, {@code uid} and {@code inode} decimal. For a listener
 * {@code rx_queue} is the accept-queue length. TIME_WAIT and SYN_RECV lines have fewer trailing
 * columns and inode 0.
 *
 * <p>Files are read line by line through a buffered reader: {@code Files.readString} truncates
 * {@code /proc} files on this project's kernels. {@link #read} is synchronized and reuses one
 * {@link TcpSocket}; {@link #malformedLines()} reports the most recent read.
 */
public final class ProcNetTcpReader implements SocketReader {
  private final Path procRoot;
  private final TcpSocket socket = new TcpSocket();
  private volatile long malformedLines;

  /** Reads {@code procRoot/net/tcp} and {@code procRoot/net/tcp6}; usually {@code /proc}. */
  public ProcNetTcpReader(Path procRoot) {
    this.procRoot = procRoot;
  }

  @Override
  public String name() {
    return "/proc/net/tcp";
  }

  /**
   * Streams the sockets of {@code net/tcp} and then {@code net/tcp6}. A missing {@code net/tcp6}
   * (IPv6 disabled) is skipped; a missing {@code net/tcp} is an {@link IOException}. Lines that do
   * not parse are skipped and counted in {@link #malformedLines()}.
   */
  @Override
  public synchronized void read(int stateMask, SocketVisitor visitor) throws IOException {
    long malformed = readFile(procRoot.resolve("net/tcp"), 4, stateMask, visitor);
    try {
      malformed += readFile(procRoot.resolve("net/tcp6"), 6, stateMask, visitor);
    } catch (NoSuchFileException e) {
      // IPv6 disabled: no tcp6 file, no IPv6 sockets.
    }
    malformedLines = malformed;
  }

  /** Lines of the most recent {@link #read} that did not parse (the headers not counted). */
  public long malformedLines() {
    return malformedLines;
  }

  private long readFile(Path file, int family, int stateMask, SocketVisitor visitor)
      throws IOException {
    long malformed = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank() || isHeader(line)) {
          continue;
        }
        if (!parseLine(line, family, socket)) {
          malformed++;
        } else if ((stateMask & (1 << socket.state)) != 0) {
          visitor.visit(socket);
        }
      }
    }
    return malformed;
  }

  /** The column-title line that starts each file: {@code sl local_address ...}. */
  static boolean isHeader(String line) {
    return line.stripLeading().startsWith("sl ");
  }

  /** {@link #parseLine(String, int, ByteOrder, TcpSocket)} with this machine's byte order. */
  public static boolean parseLine(String line, int family, TcpSocket into) {
    return parseLine(line, family, ByteOrder.nativeOrder(), into);
  }

  /**
   * Parses one line of {@code net/tcp} ({@code family} 4) or {@code net/tcp6} ({@code family} 6)
   * into {@code into}, which is cleared first. Allocates nothing.
   *
   * @param hostOrder the byte order of the kernel that wrote the line: it printed each 32-bit
   *     address word as a host-order integer
   * @return false, leaving {@code into} partly filled, for the header, a blank or a malformed line
   */
  public static boolean parseLine(String line, int family, ByteOrder hostOrder, TcpSocket into) {
    if (family != 4 && family != 6) {
      throw new IllegalArgumentException("family must be 4 or 6: " + family);
    }
    into.clear();
    into.family = family;
    int words = family == 6 ? 4 : 1;
    // sl: decimal slot number and ':' (the header's "sl" fails here)
    int s = skipSpaces(line, 0);
    int e = tokenEnd(line, s);
    if (e - s < 2 || line.charAt(e - 1) != ':' || decimal(line, s, e - 1) < 0) {
      return false;
    }
    // local_address and rem_address: ADDR:PORT
    s = skipSpaces(line, e);
    e = tokenEnd(line, s);
    into.localPort = endpoint(line, s, e, words, hostOrder, into.localAddress);
    s = skipSpaces(line, e);
    e = tokenEnd(line, s);
    into.remotePort = endpoint(line, s, e, words, hostOrder, into.remoteAddress);
    if (into.localPort < 0 || into.remotePort < 0) {
      return false;
    }
    // st: two hex digits
    s = skipSpaces(line, e);
    e = tokenEnd(line, s);
    long state = hex(line, s, e);
    if (state < 1 || state > TcpState.NEW_SYN_RECV) {
      return false;
    }
    into.state = (int) state;
    // tx_queue:rx_queue, hex
    s = skipSpaces(line, e);
    e = tokenEnd(line, s);
    int colon = line.indexOf(':', s);
    if (colon < 0 || colon >= e) {
      return false;
    }
    long tx = hex(line, s, colon);
    long rx = hex(line, colon + 1, e);
    if (tx < 0 || rx < 0) {
      return false;
    }
    into.receiveQueue = rx;
    // A listener's tx_queue is printed as 0; its maximum backlog is not in this file.
    into.sendQueue = into.state == TcpState.LISTEN ? -1 : tx;
    // tr:tm->when and retrnsmt: not needed
    e = tokenEnd(line, skipSpaces(line, e));
    e = tokenEnd(line, skipSpaces(line, e));
    // uid, decimal
    s = skipSpaces(line, e);
    e = tokenEnd(line, s);
    long uid = decimal(line, s, e);
    if (uid < 0 || uid > 0xFFFFFFFFL) {
      return false;
    }
    into.uid = (int) uid;
    // timeout: not needed; inode, decimal
    e = tokenEnd(line, skipSpaces(line, e));
    s = skipSpaces(line, e);
    e = tokenEnd(line, s);
    into.inode = decimal(line, s, e);
    return into.inode >= 0;
  }

  /**
   * Parses {@code line[s, e)} as {@code words} 8-digit hex words, ':' and a 4-digit hex port,
   * writing the address to {@code into}. Each word is a host-order integer whose memory image is 4
   * address bytes in network order. Returns the port, or -1 when malformed.
   */
  private static int endpoint(
      String line, int s, int e, int words, ByteOrder hostOrder, byte[] into) {
    int colon = s + words * 8;
    if (e - s != words * 8 + 5 || line.charAt(colon) != ':') {
      return -1;
    }
    for (int w = 0; w < words; w++) {
      long value = hex(line, s + w * 8, s + w * 8 + 8);
      if (value < 0) {
        return -1;
      }
      for (int b = 0; b < 4; b++) {
        int shift = hostOrder == ByteOrder.LITTLE_ENDIAN ? 8 * b : 8 * (3 - b);
        into[w * 4 + b] = (byte) (value >>> shift);
      }
    }
    return (int) hex(line, colon + 1, e);
  }

  private static int skipSpaces(String line, int from) {
    int i = from;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static int tokenEnd(String line, int from) {
    int i = from;
    while (i < line.length() && line.charAt(i) != ' ') {
      i++;
    }
    return i;
  }

  /** The hex number in {@code line[from, to)}, or -1 if it is empty, too long or not hex. */
  private static long hex(String line, int from, int to) {
    if (from >= to || to - from > 15) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      char ch = line.charAt(i);
      int digit;
      if (ch >= '0' && ch <= '9') {
        digit = ch - '0';
      } else if (ch >= 'A' && ch <= 'F') {
        digit = ch - 'A' + 10;
      } else if (ch >= 'a' && ch <= 'f') {
        digit = ch - 'a' + 10;
      } else {
        return -1;
      }
      value = (value << 4) | digit;
    }
    return value;
  }

  /** The decimal number in {@code line[from, to)}, or -1 if it is empty, too long or not one. */
  private static long decimal(String line, int from, int to) {
    if (from >= to || to - from > 18) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      char ch = line.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      value = value * 10 + (ch - '0');
    }
    return value;
  }
}
