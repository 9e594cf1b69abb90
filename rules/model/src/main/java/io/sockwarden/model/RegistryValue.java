package io.sockwarden.model;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A Windows REG_DWORD under {@code HKEY_LOCAL_MACHINE}, or the fact that it is not set. "Not set"
 * is a value in its own right (Windows then uses its built-in default), distinct from 0.
 *
 * @param keyPath the key below HKLM, e.g. {@code
 *     SYSTEM\CurrentControlSet\Services\Tcpip\Parameters}
 * @param name the value's name, e.g. {@code MaxUserPort}
 * @param present whether the value is set
 * @param value the unsigned 32-bit value; 0 when not set
 */
public record RegistryValue(String keyPath, String name, boolean present, long value)
    implements Evidential {
  public RegistryValue {
    Objects.requireNonNull(keyPath, "keyPath");
    Objects.requireNonNull(name, "name");
    if (value < 0 || value > 0xFFFF_FFFFL || (!present && value != 0)) {
      throw new IllegalArgumentException(name + ": " + value + " is not a DWORD");
    }
  }

  /** A value that is set. */
  public static RegistryValue of(String keyPath, String name, long value) {
    return new RegistryValue(keyPath, name, true, value);
  }

  /** A value that is not set. */
  public static RegistryValue absent(String keyPath, String name) {
    return new RegistryValue(keyPath, name, false, 0);
  }

  /** The value, empty when it is not set. */
  public OptionalLong asOptional() {
    return present ? OptionalLong.of(value) : OptionalLong.empty();
  }

  /** {@code HKLM\SYSTEM\...\Parameters\MaxUserPort}. */
  public String path() {
    return "HKLM\\" + keyPath + "\\" + name;
  }

  @Override
  public Evidence evidence() {
    return new Evidence(name, present ? Long.toString(value) : "not set", path());
  }
}
