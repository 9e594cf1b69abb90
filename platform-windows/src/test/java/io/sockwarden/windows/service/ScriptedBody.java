package io.sockwarden.windows.service;

import io.sockwarden.model.ServiceHost;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A service body whose start and run are scripted by the test, recording what it was asked. */
final class ScriptedBody implements ServiceHost.Body {
  final List<String> calls = new ArrayList<>();
  final List<String> log = new ArrayList<>();
  final CountDownLatch stop = new CountDownLatch(1);
  final CountDownLatch running = new CountDownLatch(1);
  RuntimeException startFails;
  RuntimeException runFails;
  boolean runReturnsAtOnce;

  /** Released by the test to let start() finish. */
  CountDownLatch startGate = new CountDownLatch(0);

  @Override
  public void start() {
    record("start");
    await(startGate);
    if (startFails != null) {
      throw startFails;
    }
  }

  @Override
  public void run() {
    record("run");
    running.countDown();
    if (runFails != null) {
      throw runFails;
    }
    if (!runReturnsAtOnce) {
      await(stop);
    }
  }

  @Override
  public void stop() {
    record("stop");
    stop.countDown();
  }

  @Override
  public void reload() {
    record("reload");
  }

  @Override
  public synchronized void log(ServiceHost.EventKind kind, String message) {
    log.add(kind + " " + message);
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  synchronized List<String> log() {
    return List.copyOf(log);
  }

  private synchronized void record(String call) {
    calls.add(call);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("latch not released within 10 s");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
