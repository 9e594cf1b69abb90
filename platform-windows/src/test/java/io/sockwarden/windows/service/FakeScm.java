package io.sockwarden.windows.service;

import io.sockwarden.model.ServiceHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An in-memory service control manager: runs the service's main function on a thread of its own (as
 * the real one does), records every status report and sends controls to the handler.
 */
final class FakeScm implements ServiceControlManager {
  private final List<ServiceStatus> reports = new ArrayList<>();
  private final CountDownLatch registered = new CountDownLatch(1);
  private volatile ControlHandler handler;
  boolean startedAsService = true;

  @Override
  public void dispatch(String name, Runnable serviceMain) {
    if (!startedAsService) {
      throw new ServiceHostException(
          ServiceHostException.Reason.NOT_A_SERVICE, NOT_STARTED_AS_SERVICE, "not a service");
    }
    Thread t = new Thread(serviceMain, "fake-service-main");
    t.start();
    try {
      t.join(TimeUnit.SECONDS.toMillis(20));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      throw new AssertionError("the service main function did not return within 20 s");
    }
  }

  @Override
  public StatusReporter register(String name, ControlHandler h) {
    handler = h;
    registered.countDown();
    return status -> {
      synchronized (reports) {
        reports.add(status);
        reports.notifyAll();
      }
    };
  }

  /** Sends a control as the manager would; returns the handler's Win32 code. */
  int send(int control) {
    try {
      if (!registered.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("no control handler registered");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return handler.handle(control);
  }

  List<ServiceStatus> reports() {
    synchronized (reports) {
      return List.copyOf(reports);
    }
  }

  List<ServiceState> states() {
    return reports().stream().map(ServiceStatus::state).distinct().toList();
  }

  /** Waits (at most 10 s) until a report matches. */
  ServiceStatus await(Predicate<ServiceStatus> wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (reports) {
      while (true) {
        for (ServiceStatus s : reports) {
          if (wanted.test(s)) {
            return s;
          }
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError("no matching status report; got " + reports);
        }
        try {
          reports.wait(left);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
    }
  }
}
