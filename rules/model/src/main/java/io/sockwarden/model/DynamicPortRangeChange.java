package io.sockwarden.model;

import java.util.Objects;

/**
 * The Windows TCP dynamic (ephemeral) port range of one address family, set with {@code netsh int
 * ipv4|ipv6 set dynamicport tcp start=N num=M}. It takes effect at once and persists; no reboot.
 *
 * @param family {@code ipv4} or {@code ipv6}
 * @param fromStart the current first port
 * @param fromCount the current number of ports
 * @param toStart the proposed first port
 * @param toCount the proposed number of ports
 */
public record DynamicPortRangeChange(
    String family, int fromStart, int fromCount, int toStart, int toCount) implements Change {
  public DynamicPortRangeChange {
    Objects.requireNonNull(family, "family");
    if (!family.equals("ipv4") && !family.equals("ipv6")) {
      throw new IllegalArgumentException("address family must be ipv4 or ipv6, not " + family);
    }
    for (int n : new int[] {fromStart, fromCount, toStart, toCount}) {
      if (n < 0 || n > 65536) {
        throw new IllegalArgumentException("impossible port number or count " + n);
      }
    }
  }

  /** The last port of the proposed range. */
  public int toEnd() {
    return toStart + toCount - 1;
  }

  @Override
  public String describe() {
    return "TCP dynamic port range ("
        + family
        + "): "
        + fromStart
        + "-"
        + (fromStart + fromCount - 1)
        + " ("
        + fromCount
        + " ports) -> "
        + toStart
        + "-"
        + toEnd()
        + " ("
        + toCount
        + " ports)";
  }
}
