package io.sockwarden.windows.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.model.ServiceHost;
import io.sockwarden.model.ServiceHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServiceLifecycleTest {
  private final FakeScm scm = new FakeScm();
  private final ScriptedBody body = new ScriptedBody();
  private final List<String> events = new ArrayList<>();
  private int afterStart;

  private ServiceLifecycle lifecycle(Duration tick) {
    return new ServiceLifecycle(
        scm,
        body,
        (kind, message) -> {
          synchronized (events) {
            events.add(kind + " " + message);
          }
        },
        () -> afterStart++,
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        tick);
  }

  private CompletableFuture<Integer> start(ServiceLifecycle l) {
    return CompletableFuture.supplyAsync(() -> l.run("Sockwarden"));
  }

  private static int exit(CompletableFuture<Integer> run) throws Exception {
    return run.get(15, TimeUnit.SECONDS);
  }

  @Test
  void reportsStartPendingRunningStopPendingStoppedAroundAStop() throws Exception {
    CompletableFuture<Integer> run = start(lifecycle(Duration.ofMillis(500)));
    ServiceStatus running = scm.await(s -> s.state() == ServiceState.RUNNING);
    assertThat(running.controlsAccepted())
        .isEqualTo(
            ServiceStatus.ACCEPT_STOP
                | ServiceStatus.ACCEPT_SHUTDOWN
                | ServiceStatus.ACCEPT_PARAMCHANGE);
    assertThat(body.running.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(scm.send(ServiceControlManager.CONTROL_STOP))
        .isEqualTo(ServiceControlManager.NO_ERROR);

    assertThat(exit(run)).isZero();
    assertThat(scm.states())
        .containsExactly(
            ServiceState.START_PENDING,
            ServiceState.RUNNING,
            ServiceState.STOP_PENDING,
            ServiceState.STOPPED);
    ServiceStatus first = scm.reports().get(0);
    assertThat(first.checkPoint()).isEqualTo(1);
    assertThat(first.waitHintMillis()).isEqualTo(1000);
    ServiceStatus stopPending =
        scm.reports().stream()
            .filter(s -> s.state() == ServiceState.STOP_PENDING)
            .findFirst()
            .orElseThrow();
    assertThat(stopPending.waitHintMillis()).isEqualTo(2000);
    ServiceStatus stopped = scm.reports().get(scm.reports().size() - 1);
    assertThat(stopped.win32ExitCode()).isZero();
    assertThat(stopped.serviceExitCode()).isZero();
    assertThat(body.calls()).containsExactly("start", "run", "stop");
    assertThat(afterStart).isEqualTo(1);
    assertThat(events)
        .containsExactly("INFO Sockwarden service started", "INFO Sockwarden service stopped");
  }

  @Test
  void systemShutdownStopsLikeStop() throws Exception {
    CompletableFuture<Integer> run = start(lifecycle(Duration.ofMillis(500)));
    scm.await(s -> s.state() == ServiceState.RUNNING);
    assertThat(scm.send(ServiceControlManager.CONTROL_SHUTDOWN))
        .isEqualTo(ServiceControlManager.NO_ERROR);
    assertThat(exit(run)).isZero();
    assertThat(scm.states()).endsWith(ServiceState.STOP_PENDING, ServiceState.STOPPED);
    assertThat(body.log())
        .contains("INFO system shutdown requested by the service control manager");
  }

  @Test
  void aSecondStopIsAnsweredButNotRepeated() throws Exception {
    ScriptedBody slow = new ScriptedBody();
    CountDownLatch release = new CountDownLatch(1);
    ServiceLifecycle l =
        new ServiceLifecycle(
            scm,
            new ServiceHost.Body() {
              @Override
              public void start() {}

              @Override
              public void run() {
                slow.running.countDown();
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }

              @Override
              public void stop() {
                slow.stop();
              }

              @Override
              public void reload() {}

              @Override
              public void log(ServiceHost.EventKind kind, String message) {}
            },
            (k, m) -> {},
            () -> {},
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofMillis(500));
    CompletableFuture<Integer> run = start(l);
    assertThat(slow.running.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(scm.send(ServiceControlManager.CONTROL_STOP)).isZero();
    assertThat(scm.send(ServiceControlManager.CONTROL_STOP)).isZero();
    release.countDown();
    assertThat(exit(run)).isZero();
    assertThat(slow.calls()).containsExactly("stop");
    assertThat(
            scm.reports().stream()
                .filter(s -> s.state() == ServiceState.STOP_PENDING && s.checkPoint() == 1)
                .count())
        .isEqualTo(1);
  }

  @Test
  void paramChangeReloadsAndKeepsRunning() throws Exception {
    CompletableFuture<Integer> run = start(lifecycle(Duration.ofMillis(500)));
    scm.await(s -> s.state() == ServiceState.RUNNING);
    assertThat(body.running.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(scm.send(ServiceControlManager.CONTROL_PARAMCHANGE))
        .isEqualTo(ServiceControlManager.NO_ERROR);
    assertThat(run).isNotDone();
    assertThat(scm.states()).containsExactly(ServiceState.START_PENDING, ServiceState.RUNNING);
    scm.send(ServiceControlManager.CONTROL_STOP);
    assertThat(exit(run)).isZero();
    assertThat(body.calls()).containsExactly("start", "run", "reload", "stop");
  }

  @Test
  void answersInterrogateAndRefusesControlsItDoesNotHandle() throws Exception {
    CompletableFuture<Integer> run = start(lifecycle(Duration.ofMillis(500)));
    scm.await(s -> s.state() == ServiceState.RUNNING);
    assertThat(scm.send(ServiceControlManager.CONTROL_INTERROGATE))
        .isEqualTo(ServiceControlManager.NO_ERROR);
    int pause = 2;
    assertThat(scm.send(pause)).isEqualTo(ServiceControlManager.CALL_NOT_IMPLEMENTED);
    assertThat(body.calls()).doesNotContain("stop", "reload");
    scm.send(ServiceControlManager.CONTROL_STOP);
    assertThat(exit(run)).isZero();
  }

  @Test
  void aStartFailureStopsWithTheAgentsExitCodeAndSaysWhy() throws Exception {
    body.startFails =
        new ServiceHost.StartFailure(
            2, "C:\\ProgramData\\Sockwarden\\agent.yaml line 3: bad", null);
    int code = exit(start(lifecycle(Duration.ofMillis(500))));

    assertThat(code).isEqualTo(2);
    assertThat(scm.states()).containsExactly(ServiceState.START_PENDING, ServiceState.STOPPED);
    ServiceStatus stopped = scm.reports().get(scm.reports().size() - 1);
    assertThat(stopped.win32ExitCode()).isEqualTo(ServiceStatus.SERVICE_SPECIFIC_ERROR);
    assertThat(stopped.serviceExitCode()).isEqualTo(2);
    assertThat(body.calls()).containsExactly("start");
    assertThat(body.log())
        .anySatisfy(l -> assertThat(l).startsWith("ERROR").contains("agent.yaml line 3: bad"));
    assertThat(events).anySatisfy(e -> assertThat(e).startsWith("ERROR").contains("exit code 2"));
    assertThat(afterStart).isZero();
  }

  @Test
  void anUnexpectedStartErrorIsExitCodeOne() throws Exception {
    body.startFails = new IllegalStateException("boom");
    assertThat(exit(start(lifecycle(Duration.ofMillis(500))))).isEqualTo(1);
    ServiceStatus stopped = scm.reports().get(scm.reports().size() - 1);
    assertThat(stopped.state()).isEqualTo(ServiceState.STOPPED);
    assertThat(stopped.serviceExitCode()).isEqualTo(1);
  }

  @Test
  void aFailingLoopStopsWithExitCodeOne() throws Exception {
    body.runFails = new IllegalStateException("disk gone");
    int code = exit(start(lifecycle(Duration.ofMillis(500))));
    assertThat(code).isEqualTo(1);
    assertThat(scm.states())
        .containsExactly(
            ServiceState.START_PENDING,
            ServiceState.RUNNING,
            ServiceState.STOP_PENDING,
            ServiceState.STOPPED);
    ServiceStatus stopped = scm.reports().get(scm.reports().size() - 1);
    assertThat(stopped.win32ExitCode()).isEqualTo(ServiceStatus.SERVICE_SPECIFIC_ERROR);
    assertThat(stopped.serviceExitCode()).isEqualTo(1);
    assertThat(body.log()).anySatisfy(l -> assertThat(l).contains("disk gone"));
  }

  @Test
  void aLoopThatEndsUnaskedIsAFailure() throws Exception {
    body.runReturnsAtOnce = true;
    assertThat(exit(start(lifecycle(Duration.ofMillis(500))))).isEqualTo(1);
    assertThat(body.log()).anySatisfy(l -> assertThat(l).contains("without a stop request"));
  }

  @Test
  void theCheckpointGrowsWhileStarting() throws Exception {
    body.startGate = new CountDownLatch(1);
    CompletableFuture<Integer> run = start(lifecycle(Duration.ofMillis(20)));
    scm.await(s -> s.state() == ServiceState.START_PENDING && s.checkPoint() >= 4);
    body.startGate.countDown();
    scm.await(s -> s.state() == ServiceState.RUNNING);
    scm.send(ServiceControlManager.CONTROL_STOP);
    assertThat(exit(run)).isZero();

    List<ServiceStatus> starting =
        scm.reports().stream().filter(s -> s.state() == ServiceState.START_PENDING).toList();
    for (int i = 0; i < starting.size(); i++) {
      assertThat(starting.get(i).checkPoint()).isEqualTo(i + 1);
      assertThat(starting.get(i).waitHintMillis()).isEqualTo(1000);
    }
    // once running, no more start checkpoints arrive
    int runningAt = scm.reports().indexOf(scm.await(s -> s.state() == ServiceState.RUNNING));
    assertThat(scm.reports().subList(runningAt, scm.reports().size()))
        .noneMatch(s -> s.state() == ServiceState.START_PENDING);
  }

  @Test
  void aShutdownWhileStartingStopsWithoutRunningACycle() throws Exception {
    body.startGate = new CountDownLatch(1);
    CompletableFuture<Integer> run = start(lifecycle(Duration.ofMillis(500)));
    scm.await(s -> s.state() == ServiceState.START_PENDING);
    scm.send(ServiceControlManager.CONTROL_SHUTDOWN);
    body.startGate.countDown();
    assertThat(exit(run)).isZero();
    // the shutdown may reach the body before or after start() began; run() never does
    assertThat(body.calls()).containsExactlyInAnyOrder("start", "stop");
    assertThat(scm.states()).containsExactly(ServiceState.START_PENDING, ServiceState.STOPPED);
  }

  @Test
  void refusesToRunOutsideTheServiceControlManager() {
    scm.startedAsService = false;
    ServiceLifecycle l = lifecycle(Duration.ofMillis(500));
    assertThatThrownBy(() -> l.run("Sockwarden"))
        .isInstanceOf(ServiceHostException.class)
        .extracting(e -> ((ServiceHostException) e).reason())
        .isEqualTo(ServiceHostException.Reason.NOT_A_SERVICE);
    assertThat(body.calls()).isEmpty();
  }

  @Test
  void rejectsATickLongerThanTheWaitHints() {
    assertThatThrownBy(() -> lifecycle(Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statusRecordsRejectInconsistentReports() {
    assertThatThrownBy(() -> new ServiceStatus(ServiceState.START_PENDING, 0, 0, 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ServiceStatus(ServiceState.STOP_PENDING, 1, 0, 0, 1, 1000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ServiceStatus(ServiceState.RUNNING, 1, 0, 0, 0, 1000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
