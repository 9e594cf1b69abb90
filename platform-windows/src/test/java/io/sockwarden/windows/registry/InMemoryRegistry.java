package io.sockwarden.windows.registry;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A registry in memory with the real one's rules: key paths are case-insensitive, a missing key is
 * Win32 error 2, a value of another type is an error, DWORDs are unsigned 32-bit. Keys can be made
 * unreadable (error 5) to test failures.
 */
public final class InMemoryRegistry implements Registry {
  private final Map<String, Object> values = new HashMap<>();
  private final Set<String> keys = new HashSet<>();
  private final Set<String> denied = new HashSet<>();

  public InMemoryRegistry withKey(String keyPath) {
    keys.add(keyPath.toLowerCase());
    return this;
  }

  public InMemoryRegistry withDword(String keyPath, String name, long value) {
    withKey(keyPath);
    values.put(id(keyPath, name), value);
    return this;
  }

  public InMemoryRegistry withStrings(String keyPath, String name, String... strings) {
    withKey(keyPath);
    values.put(id(keyPath, name), List.of(strings));
    return this;
  }

  /** Every call on {@code keyPath} fails with access denied. */
  public InMemoryRegistry denying(String keyPath) {
    denied.add(keyPath.toLowerCase());
    return this;
  }

  /** The raw value, for assertions. */
  public Optional<Object> raw(String keyPath, String name) {
    return Optional.ofNullable(values.get(id(keyPath, name)));
  }

  @Override
  public OptionalLong readDword(String keyPath, String name) throws RegistryException {
    open(keyPath);
    Object v = values.get(id(keyPath, name));
    if (v == null) {
      return OptionalLong.empty();
    }
    if (!(v instanceof Long l)) {
      throw new RegistryException(name + " is not a REG_DWORD", RegistryException.WRONG_TYPE);
    }
    return OptionalLong.of(l);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<List<String>> readStrings(String keyPath, String name) throws RegistryException {
    open(keyPath);
    Object v = values.get(id(keyPath, name));
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof List<?>)) {
      throw new RegistryException(name + " is not a string value", RegistryException.WRONG_TYPE);
    }
    return Optional.of((List<String>) v);
  }

  @Override
  public void writeDword(String keyPath, String name, long value) throws RegistryException {
    open(keyPath);
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(value + " is not a DWORD");
    }
    values.put(id(keyPath, name), value);
  }

  @Override
  public void deleteValue(String keyPath, String name) throws RegistryException {
    open(keyPath);
    values.remove(id(keyPath, name));
  }

  private void open(String keyPath) throws RegistryException {
    if (denied.contains(keyPath.toLowerCase())) {
      throw new RegistryException("cannot open HKLM\\" + keyPath, RegistryException.ACCESS_DENIED);
    }
    if (!keys.contains(keyPath.toLowerCase())) {
      throw new RegistryException("cannot open HKLM\\" + keyPath, RegistryException.NOT_FOUND);
    }
  }

  private static String id(String keyPath, String name) {
    return keyPath.toLowerCase() + "\\" + name.toLowerCase();
  }
}
