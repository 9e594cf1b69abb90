package io.sockwarden.windows.registry;

import java.io.IOException;

/** A registry call that failed, with the Win32 error code it returned (5: access denied). */
public final class RegistryException extends IOException {
  private static final long serialVersionUID = 1L;

  /** ERROR_FILE_NOT_FOUND: the key or value does not exist. */
  public static final int NOT_FOUND = 2;

  /** ERROR_ACCESS_DENIED. */
  public static final int ACCESS_DENIED = 5;

  /** Not a Win32 code: the value exists with another type than the one asked for. */
  public static final int WRONG_TYPE = -1;

  private final int code;

  public RegistryException(String message, int code) {
    super(message + (code >= 0 ? " (Win32 error " + code + ")" : ""));
    this.code = code;
  }

  /** The Win32 error code, or {@link #WRONG_TYPE}. */
  public int code() {
    return code;
  }
}
