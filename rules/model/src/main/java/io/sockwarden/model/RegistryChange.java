package io.sockwarden.model;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A Windows registry REG_DWORD value to set under {@code HKEY_LOCAL_MACHINE}.
 *
 * @param keyPath the key below HKLM, e.g. {@code
 *     SYSTEM\CurrentControlSet\Services\Tcpip\Parameters}
 * @param valueName the value's name, e.g. {@code MaxUserPort}
 * @param from the current value, empty when the value is absent
 * @param to the proposed value (an unsigned 32-bit DWORD)
 * @param rebootRequired whether Windows reads the value only at boot
 */
public record RegistryChange(
    String keyPath, String valueName, OptionalLong from, long to, boolean rebootRequired)
    implements Change {
  public RegistryChange {
    Objects.requireNonNull(keyPath, "keyPath");
    Objects.requireNonNull(valueName, "valueName");
    Objects.requireNonNull(from, "from");
    if (to < 0 || to > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(valueName + ": " + to + " is not a DWORD");
    }
  }

  @Override
  public String describe() {
    String before = from.isPresent() ? Long.toString(from.getAsLong()) : "absent";
    return "HKLM\\"
        + keyPath
        + "\\"
        + valueName
        + ": "
        + before
        + " -> "
        + to
        + (rebootRequired ? " (reboot required)" : "");
  }
}
