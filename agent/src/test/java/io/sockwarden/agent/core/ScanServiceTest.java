package io.sockwarden.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.FakeHost;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.journal.Checkpoints;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.model.CollectionContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan service whose rules are loaded when a scan first needs them. */
class ScanServiceTest {
  @TempDir Path dir;
  FakeHost host;
  HostSession session;

  @BeforeEach
  void setUp() {
    host = new FakeHost(dir);
    session =
        HostSession.open(
            Platforms.current(),
            new CollectionContext(host.proc, host.root, host.state),
            Clock.systemUTC(),
            Checkpoints.NONE);
  }

  ScanService loading(Supplier<RuleEngine> load) {
    return ScanService.loadingRulesWhenNeeded(session, AgentConfig.defaults(host.rules), load);
  }

  @Test
  void readsTheHostBeforeLoadingTheRulesAndLoadsThemOnce() {
    AtomicInteger loads = new AtomicInteger();
    ScanService scans =
        loading(
            () -> {
              loads.incrementAndGet();
              // Changed after the host was read: this scan does not see it, the next one does.
              host.sysctl("net.core.somaxconn", "128");
              return RuleEngine.builtIn();
            });
    assertThat(loads).hasValue(0);

    Scan first = scans.scan(FactCollector.CounterMode.COMPARE);
    Scan second = scans.scan(FactCollector.CounterMode.COMPARE);

    assertThat(loads).hasValue(1);
    assertThat(first.findings()).noneMatch(f -> f.ruleId().equals("LNX-SOMAXCONN-LOW"));
    assertThat(second.findings()).anyMatch(f -> f.ruleId().equals("LNX-SOMAXCONN-LOW"));
  }

  @Test
  void rulesThatCannotBeLoadedFailTheScanBeforeTheCounterBaselineMoves() {
    ScanService scans =
        loading(
            () -> {
              throw new AgentException(Failure.INVALID, "administrator rules cannot be loaded");
            });

    assertThatThrownBy(() -> scans.scan(FactCollector.CounterMode.MANUAL))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("cannot be loaded");
    assertThat(host.state.resolve("counters.json")).doesNotExist();
  }
}
