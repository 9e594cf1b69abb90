package io.sockwarden.model;

import java.util.Objects;

/**
 * The live value of one kernel parameter, as read under {@code /proc/sys}.
 *
 * <p>Multi-field values such as {@code net.ipv4.ip_local_port_range} are normalised to fields
 * separated by one space ({@code "32768 60999"}); {@link #field(int)} reads one of them. In rules:
 * {@code Sysctl(key == "net.core.somaxconn", asLong < 4096)}.
 *
 * @param key dotted key, e.g. {@code net.core.somaxconn}
 * @param value normalised value
 * @param source the file it was read from
 */
public record Sysctl(String key, String value, String source) implements Evidential {
  public Sysctl {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(source, "source");
    value = normalise(Objects.requireNonNull(value, "value"));
  }

  /** Collapses runs of whitespace (the kernel separates fields with tabs) to single spaces. */
  public static String normalise(String raw) {
    return raw.strip().replaceAll("\\s+", " ");
  }

  /** The number of whitespace-separated fields. */
  public int fieldCount() {
    return value.isEmpty() ? 0 : value.split(" ").length;
  }

  /**
   * The value as a number, for single-field values.
   *
   * @throws NumberFormatException when the value is not one integer
   */
  public long asLong() {
    return Long.parseLong(value);
  }

  /** Whether {@link #asLong()} will succeed. */
  public boolean numeric() {
    return value.matches("-?\\d{1,18}");
  }

  /** Field {@code index} (0-based) as a number, e.g. the low and high end of a port range. */
  public long field(int index) {
    return Long.parseLong(value.split(" ")[index]);
  }

  @Override
  public Evidence evidence() {
    return new Evidence(key, value, source);
  }
}
