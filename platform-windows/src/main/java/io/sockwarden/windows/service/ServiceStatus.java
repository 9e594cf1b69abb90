package io.sockwarden.windows.service;

/**
 * One {@code SERVICE_STATUS} report to the service control manager.
 *
 * <p>While a state is pending the manager expects the checkpoint to grow before the wait hint runs
 * out, or it assumes the service hung. A failure is {@code win32ExitCode} {@link
 * #SERVICE_SPECIFIC_ERROR} with the agent's exit code in {@code serviceExitCode}; {@code sc query}
 * shows both.
 *
 * @param state the current state
 * @param controlsAccepted {@code SERVICE_ACCEPT_*} bits; none while pending
 * @param win32ExitCode 0, or {@link #SERVICE_SPECIFIC_ERROR}
 * @param serviceExitCode the agent's exit code when {@code win32ExitCode} says so
 * @param checkPoint grows while pending, 0 otherwise
 * @param waitHintMillis how long until the next report while pending, 0 otherwise
 */
public record ServiceStatus(
    ServiceState state,
    int controlsAccepted,
    int win32ExitCode,
    int serviceExitCode,
    int checkPoint,
    int waitHintMillis) {
  /** {@code ERROR_SERVICE_SPECIFIC_ERROR}: the service's own exit code says what failed. */
  public static final int SERVICE_SPECIFIC_ERROR = 1066;

  public static final int ACCEPT_STOP = 0x1;
  public static final int ACCEPT_SHUTDOWN = 0x4;
  public static final int ACCEPT_PARAMCHANGE = 0x8;

  public ServiceStatus {
    if (state.pending() == (waitHintMillis == 0)) {
      throw new IllegalArgumentException("a wait hint belongs to a pending state: " + state);
    }
    if (state.pending() && controlsAccepted != 0) {
      throw new IllegalArgumentException("a pending service accepts no controls");
    }
  }
}
