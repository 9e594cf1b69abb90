package io.sockwarden.windows.service;

import io.sockwarden.model.ServiceHost.Body;
import io.sockwarden.model.ServiceHost.EventKind;
import io.sockwarden.model.ServiceHost.StartFailure;
import io.sockwarden.model.ServiceHostException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The service's side of the service control manager's protocol, for one {@link Body}:
 *
 * <ol>
 *   <li>{@link ServiceState#START_PENDING} with a wait hint, its checkpoint growing every {@code
 *       tick} while the body starts (reading configuration and rules takes seconds);
 *   <li>{@link ServiceState#RUNNING}, accepting STOP, SHUTDOWN and PARAMCHANGE: STOP and SHUTDOWN
 *       report {@link ServiceState#STOP_PENDING} and ask the body to stop (it finishes the cycle in
 *       progress, so a transaction is never left without its journal), PARAMCHANGE asks it to
 *       reload, INTERROGATE is answered, anything else is not implemented;
 *   <li>{@link ServiceState#STOPPED} with exit code 0 after a requested stop, or with {@link
 *       ServiceStatus#SERVICE_SPECIFIC_ERROR} and the agent's exit code when start-up failed (2 for
 *       a bad configuration) or the body failed (1), so that {@code sc query} and the recovery
 *       actions see the failure.
 * </ol>
 *
 * <p>Status reports are serialized; the control handler never blocks. Thread safety: {@link #run}
 * once per instance; the handler is called on the manager's thread.
 */
public final class ServiceLifecycle {
  private final ServiceControlManager scm;
  private final Body body;
  private final BiConsumer<EventKind, String> events;
  private final Runnable afterStart;
  private final Duration startHint;
  private final Duration stopHint;
  private final Duration tick;

  private ServiceControlManager.StatusReporter reporter;
  private ServiceStatus current;
  private int checkPoint;
  private boolean stopRequested;
  private int exitCode;
  private ScheduledExecutorService ticker;
  private ScheduledFuture<?> ticking;

  /**
   * @param events entries for the event log (started, stopped, failed), besides the body's log
   * @param afterStart runs once the service reports running (e.g. setting its recovery actions)
   * @param startHint the wait hint while starting
   * @param stopHint the wait hint while stopping
   * @param tick how often the checkpoint grows while pending; shorter than both hints
   */
  public ServiceLifecycle(
      ServiceControlManager scm,
      Body body,
      BiConsumer<EventKind, String> events,
      Runnable afterStart,
      Duration startHint,
      Duration stopHint,
      Duration tick) {
    if (tick.compareTo(startHint) >= 0 || tick.compareTo(stopHint) >= 0) {
      throw new IllegalArgumentException("the checkpoint tick must be shorter than the wait hints");
    }
    this.scm = scm;
    this.body = body;
    this.events = events;
    this.afterStart = afterStart;
    this.startHint = startHint;
    this.stopHint = stopHint;
    this.tick = tick;
  }

  /** With the agent's hints: 60 s to start, 120 s to stop, a checkpoint every 5 s. */
  public ServiceLifecycle(
      ServiceControlManager scm,
      Body body,
      BiConsumer<EventKind, String> events,
      Runnable afterStart) {
    this(
        scm,
        body,
        events,
        afterStart,
        Duration.ofSeconds(60),
        Duration.ofSeconds(120),
        Duration.ofSeconds(5));
  }

  /**
   * Hosts the service; returns when it has stopped.
   *
   * @return the process exit code: 0, or the failure's
   * @throws ServiceHostException when this process was not started by the manager
   */
  public int run(String name) {
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "service-checkpoint");
              t.setDaemon(true);
              return t;
            });
    try {
      scm.dispatch(name, () -> serviceMain(name));
    } finally {
      ticker.shutdownNow();
    }
    synchronized (this) {
      return exitCode;
    }
  }

  private void serviceMain(String name) {
    try {
      reporter = scm.register(name, this::control);
    } catch (ServiceHostException e) {
      body.log(EventKind.ERROR, "cannot register the service control handler: " + e.getMessage());
      synchronized (this) {
        exitCode = 1;
      }
      return;
    }
    pending(ServiceState.START_PENDING, startHint);
    try {
      body.start();
    } catch (StartFailure e) {
      stopped(e.exitCode(), "the service did not start: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      stopped(1, "the service did not start: " + e);
      return;
    }
    synchronized (this) {
      if (stopRequested) {
        // a SHUTDOWN that arrived while starting: stop without running a cycle
        stopped(0, null);
        return;
      }
      report(
          new ServiceStatus(
              ServiceState.RUNNING,
              ServiceStatus.ACCEPT_STOP
                  | ServiceStatus.ACCEPT_SHUTDOWN
                  | ServiceStatus.ACCEPT_PARAMCHANGE,
              0,
              0,
              0,
              0));
    }
    events.accept(EventKind.INFO, "Sockwarden service started");
    try {
      afterStart.run();
    } catch (RuntimeException e) {
      body.log(EventKind.WARNING, e.getMessage());
    }
    int code = 0;
    String failure = null;
    try {
      body.run();
    } catch (RuntimeException e) {
      code = 1;
      failure = "the service failed: " + e;
    }
    synchronized (this) {
      if (failure == null && !stopRequested) {
        code = 1;
        failure = "the service loop ended without a stop request";
      }
      if (current.state() != ServiceState.STOP_PENDING) {
        pending(ServiceState.STOP_PENDING, stopHint);
      }
    }
    stopped(code, failure);
  }

  /** The control handler: never blocks; the body's stop and reload only set flags. */
  int control(int control) {
    switch (control) {
      case ServiceControlManager.CONTROL_STOP, ServiceControlManager.CONTROL_SHUTDOWN -> {
        synchronized (this) {
          if (stopRequested) {
            return ServiceControlManager.NO_ERROR;
          }
          stopRequested = true;
          if (current != null && current.state() == ServiceState.RUNNING) {
            pending(ServiceState.STOP_PENDING, stopHint);
          }
        }
        body.log(
            EventKind.INFO,
            (control == ServiceControlManager.CONTROL_STOP ? "stop" : "system shutdown")
                + " requested by the service control manager");
        body.stop();
        return ServiceControlManager.NO_ERROR;
      }
      case ServiceControlManager.CONTROL_PARAMCHANGE -> {
        body.log(EventKind.INFO, "reload requested by the service control manager");
        body.reload();
        return ServiceControlManager.NO_ERROR;
      }
      case ServiceControlManager.CONTROL_INTERROGATE -> {
        return ServiceControlManager.NO_ERROR;
      }
      default -> {
        return ServiceControlManager.CALL_NOT_IMPLEMENTED;
      }
    }
  }

  private synchronized void pending(ServiceState state, Duration hint) {
    if (ticking != null) {
      ticking.cancel(false);
    }
    checkPoint = 1;
    report(new ServiceStatus(state, 0, 0, 0, checkPoint, (int) hint.toMillis()));
    ticking =
        ticker.scheduleAtFixedRate(
            () -> advance(state), tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Grows the checkpoint while {@code state} is still the current one. */
  private synchronized void advance(ServiceState state) {
    if (current == null || current.state() != state) {
      return;
    }
    checkPoint++;
    report(new ServiceStatus(state, 0, 0, 0, checkPoint, current.waitHintMillis()));
  }

  private void stopped(int code, String failure) {
    if (failure != null) {
      body.log(EventKind.ERROR, failure + " (exit code " + code + ")");
      events.accept(
          EventKind.ERROR, "Sockwarden service: " + failure + " (exit code " + code + ")");
    } else {
      body.log(EventKind.INFO, "stopped");
      events.accept(EventKind.INFO, "Sockwarden service stopped");
    }
    synchronized (this) {
      if (ticking != null) {
        ticking.cancel(false);
      }
      exitCode = code;
      report(
          new ServiceStatus(
              ServiceState.STOPPED,
              0,
              code == 0 ? 0 : ServiceStatus.SERVICE_SPECIFIC_ERROR,
              code,
              0,
              0));
    }
  }

  private synchronized void report(ServiceStatus status) {
    current = status;
    try {
      reporter.report(status);
    } catch (ServiceHostException e) {
      body.log(
          EventKind.WARNING,
          "cannot report "
              + status.state().label()
              + " to the service control manager: "
              + e.getMessage());
    }
  }
}
