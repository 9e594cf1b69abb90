package io.sockwarden.windows.service;

/** A service's current state, with the value {@code SERVICE_STATUS.dwCurrentState} carries. */
public enum ServiceState {
  STOPPED(1, "stopped"),
  START_PENDING(2, "start pending"),
  STOP_PENDING(3, "stop pending"),
  RUNNING(4, "running"),
  CONTINUE_PENDING(5, "continue pending"),
  PAUSE_PENDING(6, "pause pending"),
  PAUSED(7, "paused");

  private final int win32;
  private final String label;

  ServiceState(int win32, String label) {
    this.win32 = win32;
    this.label = label;
  }

  public int win32() {
    return win32;
  }

  public String label() {
    return label;
  }

  /** Whether the service manager waits for it, watching the checkpoint. */
  public boolean pending() {
    return this == START_PENDING || this == STOP_PENDING;
  }

  /** The state with this {@code dwCurrentState}. */
  public static ServiceState of(int win32) {
    for (ServiceState s : values()) {
      if (s.win32 == win32) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown service state " + win32);
  }
}
