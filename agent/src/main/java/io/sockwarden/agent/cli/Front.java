package io.sockwarden.agent.cli;

import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.core.FactCollector;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.core.Platforms;
import io.sockwarden.agent.core.RemediationService;
import io.sockwarden.agent.core.RuleLoader;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.agent.core.ScanService;
import io.sockwarden.agent.journal.Checkpoints;
import io.sockwarden.engine.RuleInfo;
import io.sockwarden.model.NetworkNamespace;
import io.sockwarden.model.Platform;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a command reaches the core: open the host session and recover first (saying what recovery did
 * or could not do on standard error), then read configuration and rules, then build the services.
 * Nothing here decides anything; the commands only map results to output and exit codes.
 */
final class Front {
  private Front() {}

  /** Opens the session and recovers an unfinished transaction, reporting on {@code err}. */
  static HostSession host(HostPathOptions paths, PrintWriter err) {
    Platform platform = Platforms.current();
    HostSession session =
        HostSession.open(
            platform, paths.context(platform), Clock.systemUTC(), Checkpoints.installed());
    for (String line : session.recover()) {
      err.println("sockwarden: " + line);
    }
    err.flush();
    return session;
  }

  /**
   * The scan service: session (recovered), configuration, and rules, loaded when the service first
   * needs them (for a scan, once the host has been read).
   */
  static ScanService scans(HostPathOptions paths, ConfigOptions options, PrintWriter err) {
    HostSession session = host(paths, err);
    AgentConfig config = options.load(session.conventions());
    RuleLoader rules = new RuleLoader(session.conventions().trust());
    return ScanService.loadingRulesWhenNeeded(
        session, config, () -> rules.load(config.rulesDirs()));
  }

  /** A plan and the remediation service that made it (and applies it). */
  record Planned(RemediationService remediation, RemediationService.Plan plan) {}

  /**
   * Scans the namespace {@code namespace} names (the agent's own when none is named) and plans the
   * changes its findings propose, inside it.
   */
  static Planned planIn(
      ScanService scans,
      NamespaceOption namespace,
      ChangeOptions changes,
      FactCollector.CounterMode mode) {
    RemediationService remediation = remediation(scans);
    Optional<NetworkNamespace> ns = namespace.resolve(scans.session());
    if (ns.isPresent()) {
      remediation = remediation.in(ns.get());
    }
    Scan scan = ns.isPresent() ? scans.scanIn(ns.get(), mode) : scans.scan(mode);
    return new Planned(remediation, remediation.plan(scan, changes.only(), changes.mode()));
  }

  /** The remediation service sharing {@code scans}' session, configuration and rules. */
  static RemediationService remediation(ScanService scans) {
    return new RemediationService(
        scans.session(),
        scans.config(),
        scans.engine().rules().stream().map(RuleInfo::id).collect(Collectors.toSet()));
  }
}
