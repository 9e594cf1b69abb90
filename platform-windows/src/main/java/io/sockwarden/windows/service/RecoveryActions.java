package io.sockwarden.windows.service;

import java.time.Duration;
import java.util.List;

/**
 * What the service control manager does when the service fails ({@code SERVICE_FAILURE_ACTIONS}
 * plus {@code SERVICE_FAILURE_ACTIONS_FLAG}): restart after each delay in turn (the last one
 * repeats), counting failures afresh after {@code resetPeriod} without one. With {@code
 * onNonCrashFailures} a stop with a non-zero exit code counts as a failure, not only a crash.
 *
 * @param restartDelays the delay before each restart
 * @param resetPeriod after this long without a failure the count starts again
 * @param onNonCrashFailures whether a reported failure (exit code) triggers the actions too
 */
public record RecoveryActions(
    List<Duration> restartDelays, Duration resetPeriod, boolean onNonCrashFailures) {
  /**
   * The agent's: restart after 30 s, 60 s, then every 5 minutes, counting afresh after a day. A bad
   * configuration fails again at each restart, each time in the log file and the event log, and the
   * service recovers by itself once the file is fixed.
   */
  public static final RecoveryActions AGENT =
      new RecoveryActions(
          List.of(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5)),
          Duration.ofDays(1),
          true);

  public RecoveryActions {
    restartDelays = List.copyOf(restartDelays);
    if (restartDelays.isEmpty()) {
      throw new IllegalArgumentException("no restart delays");
    }
  }
}
