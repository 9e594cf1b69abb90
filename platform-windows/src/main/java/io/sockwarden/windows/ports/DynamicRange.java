package io.sockwarden.windows.ports;

import java.util.Objects;

/**
 * A TCP dynamic port range as Windows states it: a first port and a number of ports.
 *
 * @param family {@code ipv4} or {@code ipv6}
 * @param start the first port
 * @param count the number of ports
 * @param source where it was read
 */
public record DynamicRange(String family, int start, int count, String source) {
  public DynamicRange {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(source, "source");
    if (start < 1 || count < 1 || start + count - 1 > 65535) {
      throw new IllegalArgumentException(
          "impossible dynamic port range: start " + start + ", " + count + " ports");
    }
  }

  /** The last port. */
  public int end() {
    return start + count - 1;
  }
}
