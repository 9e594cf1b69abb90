package io.sockwarden.model;

import java.util.Objects;

/**
 * The local port range the kernel picks ephemeral (client) ports from, minus reserved ports.
 *
 * <p>A connection is identified by its 4-tuple, so the range is a limit <em>per destination</em>
 * ip:port (and source address), not per host.
 *
 * @param setting where the range is configured, e.g. {@code net.ipv4.ip_local_port_range}
 * @param low first port
 * @param high last port
 * @param reserved ports inside the range that are excluded from automatic assignment ({@code
 *     net.ipv4.ip_local_reserved_ports}; on Windows, excluded port ranges)
 * @param source where the range was read
 */
public record EphemeralRange(String setting, int low, int high, int reserved, String source)
    implements Evidential {
  public EphemeralRange {
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(source, "source");
    if (low < 0 || high > 65535 || reserved < 0) {
      throw new IllegalArgumentException(
          "impossible port range " + low + "-" + high + " reserved " + reserved);
    }
  }

  /** Ports in the range, reserved ones included ({@code 0} when {@code high < low}). */
  public int size() {
    return Math.max(0, high - low + 1);
  }

  /** Ports the kernel can actually assign: the range minus reserved ports. */
  public int usable() {
    return Math.max(0, size() - reserved);
  }

  @Override
  public Evidence evidence() {
    String text = low + "-" + high + " (" + size() + " ports";
    text += reserved > 0 ? ", " + reserved + " reserved, " + usable() + " usable)" : ")";
    return new Evidence(setting, text, source);
  }
}
