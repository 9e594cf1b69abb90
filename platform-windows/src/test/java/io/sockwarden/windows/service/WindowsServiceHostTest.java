package io.sockwarden.windows.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.model.ServiceHost;
import io.sockwarden.model.ServiceHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsServiceHostTest {
  private final FakeServiceDatabase db = new FakeServiceDatabase();
  private final FakeScm scm = new FakeScm();
  private final WindowsServiceHost host =
      new WindowsServiceHost(
          () -> scm, () -> db, Path.of("C:\\ProgramData"), Duration.ofSeconds(2), Duration.ZERO);

  private static final ServiceHost.Definition DEFINITION =
      new ServiceHost.Definition(
          "Sockwarden",
          "Sockwarden agent",
          "Scans for TCP capacity problems",
          List.of(
              "C:\\Program Files\\Sockwarden\\jre\\bin\\java.exe",
              "-jar",
              "C:\\Program Files\\Sockwarden\\lib\\sockwarden-agent.jar",
              "service",
              "run"),
          true);

  @Test
  void installsWithAQuotedCommandLineADescriptionAndRecoveryActions() {
    assertThat(host.install(DEFINITION)).isEmpty();
    assertThat(db.services.get("Sockwarden").commandLine())
        .isEqualTo(
            "\"C:\\Program Files\\Sockwarden\\jre\\bin\\java.exe\" -jar"
                + " \"C:\\Program Files\\Sockwarden\\lib\\sockwarden-agent.jar\" service run");
    assertThat(db.services.get("Sockwarden").automatic()).isTrue();
    assertThat(db.calls)
        .containsExactly(
            "create Sockwarden",
            "describe Sockwarden: Scans for TCP capacity problems",
            "recovery Sockwarden [PT30S, PT1M, PT5M]",
            "recovery flag Sockwarden true");
  }

  @Test
  void aSystemWithoutTheFailureFlagGetsTheServiceAndAWarning() {
    db.flagUnsupported = true;
    assertThat(host.install(DEFINITION))
        .singleElement()
        .asString()
        .contains("only for crashes")
        .contains("Invalid level");
    assertThat(db.services).containsKey("Sockwarden");
  }

  @Test
  void installingTwiceFailsAsExisting() {
    host.install(DEFINITION);
    assertThatThrownBy(() -> host.install(DEFINITION))
        .isInstanceOf(ServiceHostException.class)
        .extracting(e -> ((ServiceHostException) e).reason())
        .isEqualTo(ServiceHostException.Reason.EXISTS);
  }

  @Test
  void uninstallStopsARunningServiceAndWaitsBeforeDeleting() {
    host.install(DEFINITION);
    db.states.put("Sockwarden", "running");
    db.queriesUntilStopped = 3;
    db.calls.clear();

    host.uninstall("Sockwarden");

    assertThat(db.calls).containsExactly("stop Sockwarden", "delete Sockwarden");
    assertThat(db.services).isEmpty();
    assertThat(host.status("Sockwarden")).isEmpty();
  }

  @Test
  void uninstallRemovesAStoppedServiceWithoutStoppingIt() {
    host.install(DEFINITION);
    db.calls.clear();
    host.uninstall("Sockwarden");
    assertThat(db.calls).containsExactly("delete Sockwarden");
  }

  @Test
  void uninstallRefusesToDeleteAServiceThatDoesNotStop() {
    host.install(DEFINITION);
    db.states.put("Sockwarden", "running");
    db.queriesUntilStopped = Integer.MAX_VALUE;
    WindowsServiceHost impatient =
        new WindowsServiceHost(
            () -> scm, () -> db, Path.of("C:\\ProgramData"), Duration.ofMillis(50), Duration.ZERO);

    assertThatThrownBy(() -> impatient.uninstall("Sockwarden"))
        .isInstanceOf(ServiceHostException.class)
        .hasMessageContaining("did not stop")
        .hasMessageContaining("not removed");
    assertThat(db.services).containsKey("Sockwarden");
  }

  @Test
  void uninstallOfAMissingServiceSaysSo() {
    assertThatThrownBy(() -> host.uninstall("Sockwarden"))
        .isInstanceOf(ServiceHostException.class)
        .extracting(e -> ((ServiceHostException) e).reason())
        .isEqualTo(ServiceHostException.Reason.NOT_INSTALLED);
  }

  @Test
  void theRunningServiceSetsItsOwnRecoveryActionsAndLogsEvents() {
    host.install(DEFINITION);
    db.calls.clear();
    ScriptedBody body = new ScriptedBody();
    Thread stopper =
        new Thread(
            () -> {
              scm.await(s -> s.state() == ServiceState.RUNNING);
              scm.send(ServiceControlManager.CONTROL_STOP);
            });
    stopper.start();
    assertThat(host.run("Sockwarden", body)).isZero();
    assertThat(db.calls)
        .containsExactly(
            "event INFO Sockwarden service started",
            "recovery Sockwarden [PT30S, PT1M, PT5M]",
            "recovery flag Sockwarden true",
            "event INFO Sockwarden service stopped");
  }

  @Test
  void logsGoUnderProgramData() {
    assertThat(host.logDirectory().toString().replace('/', '\\'))
        .isEqualTo("C:\\ProgramData\\Sockwarden\\logs");
  }
}
