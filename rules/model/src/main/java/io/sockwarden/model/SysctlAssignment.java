package io.sockwarden.model;

import java.util.Objects;

/**
 * One {@code key = value} line of a sysctl configuration file.
 *
 * @param key dotted key ({@code /} separators already turned into dots)
 * @param value normalised value
 * @param file path of the file as found (under the configured root)
 * @param line 1-based line number
 * @param ignoreErrors the line started with {@code -}: a failure to apply it is not an error
 */
public record SysctlAssignment(
    String key, String value, String file, int line, boolean ignoreErrors) implements Evidential {
  public SysctlAssignment {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(file, "file");
    value = Sysctl.normalise(Objects.requireNonNull(value, "value"));
  }

  public String location() {
    return file + ":" + line;
  }

  @Override
  public Evidence evidence() {
    return new Evidence(key, value, location());
  }
}
