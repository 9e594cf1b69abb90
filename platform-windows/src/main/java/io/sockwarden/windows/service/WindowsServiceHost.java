package io.sockwarden.windows.service;

import io.sockwarden.model.ServiceHost;
import io.sockwarden.model.ServiceHostException;
import java.nio.file.Path;
import java.time.Duration;
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
        programData(),
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

  private static Path programData() {
    String env = System.getenv("ProgramData");
    return Path.of(env == null || env.isBlank() ? "C:\\ProgramData" : env);
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
              try {
                db().recovery(name, RecoveryActions.AGENT);
              } catch (ServiceHostException e) {
                body.log(
                    EventKind.WARNING,
                    "cannot set the service's recovery actions: " + e.getMessage());
              }
            });
    return lifecycle.run(name);
  }

  @Override
  public void install(Definition definition) {
    ServiceDatabase d = db();
    d.create(
        definition.name(),
        definition.displayName(),
        CommandLines.join(definition.commandLine()),
        definition.automatic());
    d.describe(definition.name(), definition.description());
    d.recovery(definition.name(), RecoveryActions.AGENT);
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
