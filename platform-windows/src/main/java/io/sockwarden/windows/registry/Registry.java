package io.sockwarden.windows.registry;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Values under {@code HKEY_LOCAL_MACHINE}, always in the 64-bit view (a 32-bit JVM would otherwise
 * be redirected to {@code WOW6432Node}). A value that is not set is {@link OptionalLong#empty()} or
 * {@link Optional#empty()}, never 0 or an empty string: Windows treats "not set" as "use the
 * built-in default", which is not the same as 0.
 *
 * <p>Implementations: {@link JnaRegistry} on Windows; an in-memory fake in tests.
 */
public interface Registry {
  /**
   * A REG_DWORD as an unsigned 32-bit number, or empty when the value is not set.
   *
   * @throws RegistryException when the key cannot be opened or the value is not a REG_DWORD
   */
  OptionalLong readDword(String keyPath, String name) throws RegistryException;

  /**
   * A REG_SZ (one string) or REG_MULTI_SZ (its strings), or empty when the value is not set.
   *
   * @throws RegistryException when the key cannot be opened or the value is another type
   */
  Optional<List<String>> readStrings(String keyPath, String name) throws RegistryException;

  /** Sets a REG_DWORD, creating the value if needed; {@code value} is 0 to 0xFFFFFFFF. */
  void writeDword(String keyPath, String name, long value) throws RegistryException;

  /** Removes a value; removing one that is not set does nothing. */
  void deleteValue(String keyPath, String name) throws RegistryException;
}
