package io.sockwarden.model;

import java.util.Objects;

/**
 * A range of TCP ports Windows does not hand out as ephemeral ports (an excluded port range:
 * Hyper-V, WinNAT, or one an administrator added).
 *
 * @param family {@code ipv4} or {@code ipv6}
 * @param low first port
 * @param high last port
 * @param administered whether an administrator added it ({@code *} in netsh's listing), as opposed
 *     to one a service reserved at run time
 * @param source where it was read
 */
public record PortExclusion(String family, int low, int high, boolean administered, String source)
    implements Evidential {
  public PortExclusion {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(source, "source");
    if (low < 0 || high > 65535 || high < low) {
      throw new IllegalArgumentException("impossible excluded port range " + low + "-" + high);
    }
  }

  /** Whether {@code port} lies in this range. */
  public boolean contains(int port) {
    return port >= low && port <= high;
  }

  @Override
  public Evidence evidence() {
    return new Evidence(
        "excluded port range (" + family + ")",
        low + "-" + high + (administered ? " (administered)" : ""),
        source);
  }
}
