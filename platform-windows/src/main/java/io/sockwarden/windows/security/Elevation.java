package io.sockwarden.windows.security;

import com.sun.jna.platform.win32.Advapi32Util;

/** Whether this process runs with an elevated administrator token, and as whom. */
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

  /**
   * Whether {@code sid} is an administrator, as far as this process can tell without querying group
   * membership of other accounts: it is this process's own user and the process is elevated (only
   * an administrator's token can be).
   */
  public static boolean isElevatedSelf(String sid) {
    try {
      String self = Advapi32Util.getAccountByName(Advapi32Util.getUserName()).sidString;
      return sid.equals(self) && elevated();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
