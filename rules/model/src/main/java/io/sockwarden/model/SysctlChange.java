package io.sockwarden.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Linux kernel parameter to set, live under {@code /proc/sys} and persistently in the agent's own
 * sysctl.d file.
 *
 * @param key dotted sysctl key, e.g. {@code net.ipv4.ip_local_port_range}
 * @param from the current live value (whitespace-normalised)
 * @param to the proposed value (whitespace-normalised; fields separated by one space)
 */
public record SysctlChange(String key, String from, String to) implements Change {
  private static final Pattern KEY = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)+");

  public SysctlChange {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!isValidKey(key)) {
      throw new IllegalArgumentException(
          "invalid sysctl key '" + key + "': only [a-z0-9_.-], dot-separated, no '..'");
    }
    from = Sysctl.normalise(from);
    to = Sysctl.normalise(to);
    if (to.isEmpty()) {
      throw new IllegalArgumentException("empty value proposed for " + key);
    }
  }

  /** Whether {@code key} is a well-formed sysctl key: {@code [a-z0-9_.-]}, no empty segment. */
  public static boolean isValidKey(String key) {
    return key != null && KEY.matcher(key).matches();
  }

  @Override
  public String describe() {
    return key + ": " + from + " -> " + to;
  }
}
