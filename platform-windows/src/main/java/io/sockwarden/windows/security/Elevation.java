package io.sockwarden.windows.security;

import com.sun.jna.platform.win32.Advapi32Util;

/** Whether this process runs with an elevated administrator token. */
public final class Elevation {
  private Elevation() {}

  /** True when the token is elevated; false when it is not or cannot be asked. */
  public static boolean elevated() {
    try {
      return Advapi32Util.isCurrentProcessElevated();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
