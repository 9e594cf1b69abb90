package io.sockwarden.linux.remediate;

import io.sockwarden.linux.proc.PortRanges;
import io.sockwarden.model.Sysctl;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What values the kernel accepts for the parameters Sockwarden changes. A value outside these
 * bounds is refused before anything is written. Keys not listed here (from administrators' rules)
 * must keep the shape of their current value: the same number of fields, numbers where it has
 * numbers.
 */
final class SysctlBounds {
  private static final long INT_MAX = Integer.MAX_VALUE;

  private static final Map<String, Function<String, Optional<String>>> KNOWN =
      Map.ofEntries(
          Map.entry("net.core.somaxconn", v -> number(v, 1, INT_MAX)),
          Map.entry("net.ipv4.tcp_max_syn_backlog", v -> number(v, 1, INT_MAX)),
          Map.entry("net.ipv4.tcp_syncookies", v -> number(v, 0, 2)),
          Map.entry("net.ipv4.tcp_tw_reuse", v -> number(v, 0, 2)),
          Map.entry("net.ipv4.tcp_fin_timeout", v -> number(v, 1, 120)),
          Map.entry("net.ipv4.tcp_max_tw_buckets", v -> number(v, 0, INT_MAX)),
          Map.entry("fs.file-max", v -> number(v, 1, Long.MAX_VALUE)),
          Map.entry("fs.nr_open", v -> number(v, 1024, 2147483584L)),
          Map.entry("net.ipv4.ip_local_port_range", SysctlBounds::portRange),
          Map.entry("net.ipv4.ip_local_reserved_ports", SysctlBounds::portList));

  private SysctlBounds() {}

  /**
   * Why {@code value} is not acceptable for {@code key}, or empty.
   *
   * @param current the key's current value, the model for keys without known bounds
   */
  static Optional<String> problem(String key, String value, String current) {
    if (value.contains("\n") || value.contains("#") || value.contains("=")) {
      return Optional.of(key + ": value '" + value + "' must be one line without '#' or '='");
    }
    Function<String, Optional<String>> check = KNOWN.get(key);
    if (check != null) {
      return check.apply(value).map(p -> key + ": " + p);
    }
    String[] now = Sysctl.normalise(current).split(" ");
    String[] next = Sysctl.normalise(value).split(" ");
    if (now.length != next.length) {
      return Optional.of(
          key
              + ": '"
              + value
              + "' has "
              + next.length
              + " fields, the current value "
              + now.length);
    }
    for (int i = 0; i < now.length; i++) {
      if (now[i].matches("-?\\d+") && !next[i].matches("-?\\d+")) {
        return Optional.of(key + ": field " + (i + 1) + " of '" + value + "' must be a number");
      }
    }
    return Optional.empty();
  }

  /** The kernel refuses somaxconn above 65535 before 4.1 (a 16-bit field then). */
  static Optional<String> forKernel(String key, String value, int major, int minor) {
    boolean old = major > 0 && (major < 4 || (major == 4 && minor < 1));
    if (old && key.equals("net.core.somaxconn")) {
      return number(value, 1, 65535).map(p -> key + ": " + p + " on kernels before 4.1");
    }
    return Optional.empty();
  }

  private static Optional<String> number(String value, long min, long max) {
    try {
      long n = Long.parseLong(value.trim());
      return n < min || n > max
          ? Optional.of(value + " is out of the kernel's range " + min + ".." + max)
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.of("'" + value + "' is not a whole number");
    }
  }

  private static Optional<String> portRange(String value) {
    try {
      int[] lh = PortRanges.parseRange(value);
      if (lh[0] < 1 || lh[0] >= lh[1]) {
        return Optional.of("'" + value + "' must be 'low high' with 1 <= low < high <= 65535");
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Optional<String> portList(String value) {
    try {
      PortRanges.parseList(value);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }
}
