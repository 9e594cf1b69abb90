package io.sockwarden.model;

/**
 * The service manager refused or failed a request; {@link #code()} is the operating system's error
 * code (Win32 {@code GetLastError}), for the message and for tests.
 */
public final class ServiceHostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the request failed, as far as the agent acts on it. */
  public enum Reason {
    /** This process was not started by the service manager (run from a console). */
    NOT_A_SERVICE,
    /** The caller lacks the rights (not an elevated administrator). */
    ACCESS_DENIED,
    /** No service of that name is installed. */
    NOT_INSTALLED,
    /** A service of that name is installed already. */
    EXISTS,
    /** Any other failure. */
    FAILED
  }

  private final Reason reason;
  private final int code;

  public ServiceHostException(Reason reason, int code, String message) {
    super(message);
    this.reason = reason;
    this.code = code;
  }

  public Reason reason() {
    return reason;
  }

  public int code() {
    return code;
  }
}
