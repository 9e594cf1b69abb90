package io.sockwarden.windows.registry;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.W32Errors;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The real registry through Advapi32. Every key is opened in the 64-bit view ({@code
 * KEY_WOW64_64KEY}) and closed in {@code finally}; REG_DWORD is read as unsigned; a missing value
 * (Win32 error 2) is "not set", every other error a {@link RegistryException} with its code.
 * Thread-safe (no state).
 */
public final class JnaRegistry implements Registry {
  private static final Advapi32 API = Advapi32.INSTANCE;

  @Override
  public OptionalLong readDword(String keyPath, String name) throws RegistryException {
    WinReg.HKEY key = open(keyPath, WinNT.KEY_QUERY_VALUE);
    try {
      IntByReference type = new IntByReference();
      IntByReference data = new IntByReference();
      IntByReference size = new IntByReference(4);
      int rc = API.RegQueryValueEx(key, name, 0, type, data, size);
      if (rc == W32Errors.ERROR_FILE_NOT_FOUND) {
        return OptionalLong.empty();
      }
      if (rc == W32Errors.ERROR_MORE_DATA
          || (rc == W32Errors.ERROR_SUCCESS && type.getValue() != WinNT.REG_DWORD)) {
        throw new RegistryException(
            path(keyPath, name) + " is not a REG_DWORD", RegistryException.WRONG_TYPE);
      }
      check(rc, "cannot read " + path(keyPath, name));
      return OptionalLong.of(Integer.toUnsignedLong(data.getValue()));
    } finally {
      API.RegCloseKey(key);
    }
  }

  @Override
  public Optional<List<String>> readStrings(String keyPath, String name) throws RegistryException {
    WinReg.HKEY key = open(keyPath, WinNT.KEY_QUERY_VALUE);
    try {
      IntByReference type = new IntByReference();
      IntByReference size = new IntByReference();
      int rc = API.RegQueryValueEx(key, name, 0, type, (byte[]) null, size);
      if (rc == W32Errors.ERROR_FILE_NOT_FOUND) {
        return Optional.empty();
      }
      check(rc, "cannot read " + path(keyPath, name));
      int kind = type.getValue();
      if (kind != WinNT.REG_SZ && kind != WinNT.REG_MULTI_SZ && kind != WinNT.REG_EXPAND_SZ) {
        throw new RegistryException(
            path(keyPath, name) + " is not a string value", RegistryException.WRONG_TYPE);
      }
      byte[] data = new byte[Math.max(2, size.getValue())];
      size.setValue(data.length);
      check(
          API.RegQueryValueEx(key, name, 0, type, data, size),
          "cannot read " + path(keyPath, name));
      return Optional.of(strings(data, size.getValue()));
    } finally {
      API.RegCloseKey(key);
    }
  }

  /** The NUL-separated UTF-16LE strings of a REG_SZ or REG_MULTI_SZ; empty strings left out. */
  static List<String> strings(byte[] data, int length) {
    String all = new String(data, 0, length & ~1, StandardCharsets.UTF_16LE);
    List<String> result = new ArrayList<>();
    for (String s : all.split("\0")) {
      if (!s.isEmpty()) {
        result.add(s);
      }
    }
    return result;
  }

  @Override
  public void writeDword(String keyPath, String name, long value) throws RegistryException {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(name + ": " + value + " is not a DWORD");
    }
    byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
    WinReg.HKEY key = open(keyPath, WinNT.KEY_SET_VALUE);
    try {
      check(
          API.RegSetValueEx(key, name, 0, WinNT.REG_DWORD, data, data.length),
          "cannot write " + path(keyPath, name));
    } finally {
      API.RegCloseKey(key);
    }
  }

  @Override
  public void deleteValue(String keyPath, String name) throws RegistryException {
    WinReg.HKEY key = open(keyPath, WinNT.KEY_SET_VALUE);
    try {
      int rc = API.RegDeleteValue(key, name);
      if (rc != W32Errors.ERROR_FILE_NOT_FOUND) {
        check(rc, "cannot delete " + path(keyPath, name));
      }
    } finally {
      API.RegCloseKey(key);
    }
  }

  private static WinReg.HKEY open(String keyPath, int access) throws RegistryException {
    WinReg.HKEYByReference ref = new WinReg.HKEYByReference();
    int rc =
        API.RegOpenKeyEx(
            WinReg.HKEY_LOCAL_MACHINE, keyPath, 0, access | WinNT.KEY_WOW64_64KEY, ref);
    check(rc, "cannot open HKLM\\" + keyPath);
    return ref.getValue();
  }

  private static void check(int rc, String what) throws RegistryException {
    if (rc != W32Errors.ERROR_SUCCESS) {
      throw new RegistryException(what, rc);
    }
  }

  private static String path(String keyPath, String name) {
    return "HKLM\\" + keyPath + "\\" + name;
  }
}
