package io.sockwarden.windows.service;

import io.sockwarden.model.ServiceHost.EventKind;
import io.sockwarden.model.ServiceHost.Status;
import java.util.Optional;

/**
 * The service control manager's database and the event log, as {@link WindowsServiceHost} uses
 * them: one call each, no logic. Every method throws {@link
 * io.sockwarden.model.ServiceHostException} with the Win32 error code on failure. {@link
 * JnaServiceDatabase} is the real one.
 */
public interface ServiceDatabase {
  /** {@code CreateService}: an own-process service running as LocalSystem. */
  void create(String name, String displayName, String commandLine, boolean automatic);

  /** {@code ChangeServiceConfig2(SERVICE_CONFIG_DESCRIPTION)}. */
  void describe(String name, String description);

  /** {@code ChangeServiceConfig2(SERVICE_CONFIG_FAILURE_ACTIONS)}. */
  void recovery(String name, RecoveryActions actions);

  /** {@code ChangeServiceConfig2(SERVICE_CONFIG_FAILURE_ACTIONS_FLAG)}. */
  void recoveryOnNonCrashFailures(String name, boolean on);

  /** {@code QueryServiceStatusEx} (and the start type), or empty when not installed. */
  Optional<Status> query(String name);

  /** {@code ControlService(SERVICE_CONTROL_STOP)}; returns at once. */
  void stop(String name);

  /** {@code DeleteService}. */
  void delete(String name);

  /** {@code ReportEvent} in the Application log under {@code source}. */
  void event(String source, EventKind kind, String message);
}
