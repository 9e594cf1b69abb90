package io.sockwarden.linux.sockets;

import java.util.Arrays;

/**
 * Per-destination counters keyed by address and port, in flat primitive arrays (open addressing,
 * linear probing): counting a socket allocates nothing, so a dump of hundreds of thousands of
 * sockets leaves no garbage behind and memory grows only with the number of destinations.
 *
 * <p>A key is the 16-byte address as two longs (IPv4 in the low word with the high word 0, marked
 * by family in the port word) and the port. Not thread-safe.
 */
final class DestinationTable {
  static final int ESTABLISHED = 0;
  static final int TIME_WAIT = 1;
  static final int OTHER = 2;

  private long[] high = new long[64];
  private long[] low = new long[64];
  private int[] portAndFamily = new int[64];
  private int[] counts = new int[64 * 3];
  private boolean[] used = new boolean[64];
  private int size;

  /** Adds one socket to the destination's counter {@code kind}. */
  void add(long addressHigh, long addressLow, int port, int family, int kind) {
    int slot = slot(addressHigh, addressLow, (family << 16) | port);
    counts[slot * 3 + kind]++;
  }

  private int slot(long h, long l, int pf) {
    int mask = used.length - 1;
    int i = (int) mix(h, l, pf) & mask;
    while (used[i]) {
      if (high[i] == h && low[i] == l && portAndFamily[i] == pf) {
        return i;
      }
      i = (i + 1) & mask;
    }
    if ((size + 1) * 2 > used.length) {
      grow();
      return slot(h, l, pf);
    }
    used[i] = true;
    high[i] = h;
    low[i] = l;
    portAndFamily[i] = pf;
    size++;
    return i;
  }

  private static long mix(long h, long l, int pf) {
    long x = h * 0x9E3779B97F4A7C15L ^ l * 0xC2B2AE3D27D4EB4FL ^ pf * 0x165667B19E3779F9L;
    return x ^ (x >>> 29) ^ (x >>> 47);
  }

  private void grow() {
    long[] oh = high;
    long[] ol = low;
    int[] opf = portAndFamily;
    int[] oc = counts;
    boolean[] ou = used;
    int capacity = ou.length * 2;
    high = new long[capacity];
    low = new long[capacity];
    portAndFamily = new int[capacity];
    counts = new int[capacity * 3];
    used = new boolean[capacity];
    size = 0;
    for (int i = 0; i < ou.length; i++) {
      if (ou[i]) {
        int s = slot(oh[i], ol[i], opf[i]);
        System.arraycopy(oc, i * 3, counts, s * 3, 3);
      }
    }
  }

  int size() {
    return size;
  }

  /** Visits every destination: address bytes (4 or 16), port and the three counters. */
  void forEach(Entry consumer) {
    for (int i = 0; i < used.length; i++) {
      if (!used[i]) {
        continue;
      }
      int family = portAndFamily[i] >>> 16;
      byte[] address = new byte[16];
      for (int b = 0; b < 8; b++) {
        address[b] = (byte) (high[i] >>> (56 - 8 * b));
        address[8 + b] = (byte) (low[i] >>> (56 - 8 * b));
      }
      byte[] bytes = family == 6 ? address : Arrays.copyOfRange(address, 12, 16);
      consumer.accept(
          bytes,
          portAndFamily[i] & 0xFFFF,
          counts[i * 3 + ESTABLISHED],
          counts[i * 3 + TIME_WAIT],
          counts[i * 3 + OTHER]);
    }
  }

  /** Receives one destination. */
  interface Entry {
    void accept(byte[] address, int port, int established, int timeWait, int other);
  }
}
