package io.sockwarden.model;

import java.util.Locale;

/** How urgent a finding is. Ordered: {@code INFO < WARNING < CRITICAL}. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  /** The lower-case name used in rule metadata, configuration and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code info}, {@code warning} or {@code critical} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Severity parse(String text) {
    for (Severity s : values()) {
      if (s.label().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a severity; expected info, warning or critical");
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
