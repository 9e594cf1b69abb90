package io.sockwarden.linux.proc;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the kernel writes in each {@code /proc/sys} file Sockwarden reads, so that a value that does
 * not have that shape (a fixture or an overlay with {@code abc} in {@code net.core.somaxconn}) is
 * reported instead of quietly disabling the rules that compare it.
 */
public final class SysctlFormat {
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

  private SysctlFormat() {}

  /**
   * Why {@code value} (whitespace-normalised) is not a valid value of {@code key}, or empty when it
   * is. Keys not listed here accept any text.
   */
  public static Optional<String> problem(String key, String value) {
    int fields =
        switch (key) {
          case "net.ipv4.ip_local_port_range" -> 2;
          case "fs.file-nr" -> 3;
          case "net.ipv4.ip_local_reserved_ports" -> -1;
          case "net.core.somaxconn",
              "net.ipv4.tcp_max_syn_backlog",
              "net.ipv4.tcp_syncookies",
              "net.ipv4.tcp_tw_reuse",
              "net.ipv4.tcp_fin_timeout",
              "net.ipv4.tcp_max_tw_buckets",
              "fs.file-max",
              "fs.nr_open" ->
              1;
          default -> 0;
        };
    if (fields == 0) {
      return Optional.empty();
    }
    if (fields < 0) {
      try {
        PortRanges.parseList(value);
        return Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.of("'" + value + "' is not a list of ports and port ranges");
      }
    }
    String[] parts = value.isEmpty() ? new String[0] : value.split(" ");
    boolean ok = parts.length == fields;
    for (int i = 0; ok && i < parts.length; i++) {
      ok = INTEGER.matcher(parts[i]).matches();
    }
    if (ok) {
      return Optional.empty();
    }
    return Optional.of(
        "'"
            + value
            + "' is not "
            + (fields == 1 ? "a number" : fields + " numbers separated by white space"));
  }
}
