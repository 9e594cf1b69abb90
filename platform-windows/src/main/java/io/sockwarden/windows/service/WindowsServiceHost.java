package io.sockwarden.windows.service;

import io.sockwarden.model.ServiceHost;
import io.sockwarden.model.ServiceHostException;
import io.sockwarden.windows.WindowsConventions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent as a Windows service: hosts it for the service control manager ({@link
 * ServiceLifecycle}), registers it with its description and recovery actions, stops and removes it,
 * and writes its start, stop and failures to the Application event log. The native adapters are
 * made on first use, so that loading this class on Linux touches no DLL.
 */
public final class WindowsServiceHost implements ServiceHost {
  /** The event log source of the service's entries. */
  static final String EVENT_SOURCE = "Sockwarden";

  private final Supplier<ServiceControlManager> scm;
  private final Supplier<ServiceDatabase> database;
  private final Path programData;
  private final Duration stopTimeout;
  private final Duration poll;
  private ServiceDatabase db;

  /** On the real host. */
  public WindowsServiceHost() {
    this(
        JnaServiceControlManager::new,
        JnaServiceDatabase::new,
        WindowsConventions.programData(),
        Duration.ofSeconds(150),
        Duration.ofMillis(250));
  }

  /** With other adapters (tests). */
  public WindowsServiceHost(
      Supplier<ServiceControlManager> scm,
      Supplier<ServiceDatabase> database,
      Path programData,
      Duration stopTimeout,
      Duration poll) {
    this.scm = scm;
    this.database = database;
    this.programData = programData;
    this.stopTimeout = stopTimeout;
    this.poll = poll;
  }

  private synchronized ServiceDatabase db() {
    if (db == null) {
      db = database.get();
    }
    return db;
  }

  @Override
  public boolean supportsCurrentHost() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  @Override
  public Path logDirectory() {
    return programData.resolve("Sockwarden").resolve("logs");
  }

  @Override
  public int run(String name, Body body) {
    ServiceLifecycle lifecycle =
        new ServiceLifecycle(
            scm.get(),
            body,
            (kind, message) -> event(EVENT_SOURCE, kind, message),
            () -> {
              // The MSI cannot declare recovery actions (wixl has no ServiceConfig): the service
              // sets its own at each start, which also repairs a changed configuration.
              for (String problem : recovery(db(), name)) {
                body.log(EventKind.WARNING, problem);
              }
            });
    return lifecycle.run(name);
  }

  @Override
  public List<String> install(Definition definition) {
    ServiceDatabase d = db();
    d.create(
        definition.name(),
        definition.displayName(),
        CommandLines.join(definition.commandLine()),
        definition.automatic());
    // The service exists from here on: what fails now is reported, not thrown.
    List<String> problems = new ArrayList<>();
    try {
      d.describe(definition.name(), definition.description());
    } catch (ServiceHostException e) {
      problems.add("description not set: " + e.getMessage());
    }
    problems.addAll(recovery(d, definition.name()));
    return problems;
  }

  /**
   * Sets the recovery actions, then asks for them on a reported failure too. Windows before Vista
   * (and Wine) refuse the latter with {@code ERROR_INVALID_LEVEL}; then only crashes restart it.
   */
  private static List<String> recovery(ServiceDatabase d, String name) {
    try {
      d.recovery(name, RecoveryActions.AGENT);
    } catch (ServiceHostException e) {
      return List.of("recovery actions not set: " + e.getMessage());
    }
    try {
      d.recoveryOnNonCrashFailures(name, RecoveryActions.AGENT.onNonCrashFailures());
    } catch (ServiceHostException e) {
      return List.of(
          "recovery actions set, but only for crashes, not for a failure the service reports: "
              + e.getMessage());
    }
    return List.of();
  }

  @Override
  public void uninstall(String name) {
    ServiceDatabase d = db();
    Status status =
        d.query(name)
            .orElseThrow(
                () ->
                    new ServiceHostException(
                        ServiceHostException.Reason.NOT_INSTALLED,
                        1060,
                        "the service " + name + " is not installed"));
    if (!status.state().equals(ServiceState.STOPPED.label())) {
      if (!status.state().equals(ServiceState.STOP_PENDING.label())) {
        d.stop(name);
      }
      awaitStopped(d, name);
    }
    d.delete(name);
  }

  private void awaitStopped(ServiceDatabase d, String name) {
    long deadline = System.nanoTime() + stopTimeout.toNanos();
    while (true) {
      Optional<Status> now = d.query(name);
      if (now.isEmpty() || now.get().state().equals(ServiceState.STOPPED.label())) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new ServiceHostException(
            ServiceHostException.Reason.FAILED,
            1053,
            "the service "
                + name
                + " did not stop within "
                + stopTimeout.toSeconds()
                + " s (state: "
                + now.get().state()
                + "); not removed");
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServiceHostException(
            ServiceHostException.Reason.FAILED, 1053, "interrupted waiting for " + name);
      }
    }
  }

  @Override
  public Optional<Status> status(String name) {
    return db().query(name);
  }

  @Override
  public void event(String source, EventKind kind, String message) {
    try {
      db().event(source, kind, message);
    } catch (RuntimeException e) {
      // best effort: the log file has every line already
    }
  }
}
