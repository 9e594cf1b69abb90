package io.sockwarden.agent.service;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.config.NamespaceScope;
import io.sockwarden.agent.config.ServiceSettings;
import io.sockwarden.agent.core.FactCollector;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.core.NamespaceScan;
import io.sockwarden.agent.core.NamespaceSelection;
import io.sockwarden.agent.core.NamespacesScan;
import io.sockwarden.agent.core.RemediationService;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.agent.core.ScanService;
import io.sockwarden.agent.core.Verdict;
import io.sockwarden.agent.journal.JournalEntry;
import io.sockwarden.agent.journal.Transactions;
import io.sockwarden.agent.report.Json;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.engine.RuleInfo;
import io.sockwarden.model.DurableFiles;
import io.sockwarden.model.NetworkNamespace;
import io.sockwarden.model.Severity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sockwarden run}: the long-running agent. Each cycle recovers an unfinished transaction,
 * scans (owning the counter window), writes the JSON report, prunes old reports, applies the
 * allowed automatic fixes, and publishes metrics. With {@code namespaces} other than {@code host}
 * it scans the network namespaces chosen, each from inside, and reports and publishes them all;
 * automatic fixes still change the agent's own namespace only. Between cycles it sleeps until the
 * next slot of its schedule ({@code every}, shifted per host by up to {@code splay}), or until it
 * is asked to stop or reload.
 *
 * <p>Stopping waits for the cycle in progress: a transaction is journalled before its first write
 * and is short, so the service never exits in the middle of one without its journal. Reloading
 * re-reads the configuration and the rules and keeps the old ones when the new ones are invalid.
 *
 * <p>{@link #requestStop()} and {@link #requestReload()} may be called from any thread (signal
 * handlers, the Windows service control handler); everything else runs on the scheduler thread.
 */
public final class AgentService {
  private static final Logger LOG = LoggerFactory.getLogger("sockwarden");

  /** Reads the configuration and builds the rule base; throws an invalid-input failure. */
  @FunctionalInterface
  public interface Loader {
    Loaded load();
  }

  /**
   * A configuration with its rule base.
   *
   * @param config the configuration
   * @param engine the rules it names
   */
  public record Loaded(AgentConfig config, RuleEngine engine) {}

  /**
   * How one cycle ended.
   *
   * @param scan the scan of the agent's own namespace, empty when it failed
   * @param namespaces the scan of several namespaces, when the service scans more than its own and
   *     the scan succeeded
   * @param verdict the verdict (the worst of all namespaces' when several were scanned), empty when
   *     the scan failed
   * @param message the cycle's log line
   */
  public record CycleResult(
      Optional<Scan> scan,
      Optional<NamespacesScan> namespaces,
      Optional<Verdict> verdict,
      String message) {}

  private final HostSession session;
  private final Loader loader;
  private final Clock clock;
  private final ZoneId zone;
  private final AgentMetrics metrics;
  private final ReportStore reports;
  private final Object wake = new Object();
  private volatile boolean stopRequested;
  private volatile boolean reloadRequested;
  private Loaded loaded;
  private ScanService scans;
  private Scan lastScan;
  private NamespacesScan lastNamespaces;
  private HTTPServer http;
  private volatile Consumer<CycleResult> cycleListener = r -> {};

  /**
   * Loads the configuration and rules once.
   *
   * @throws AgentException (invalid) when they are invalid: the service does not start
   */
  public AgentService(
      HostSession session, Loader loader, Clock clock, ZoneId zone, String version) {
    this.session = session;
    this.loader = loader;
    this.clock = clock;
    this.zone = zone;
    this.reports = new ReportStore(session.context().stateDir(), session.conventions().files());
    use(loader.load());
    this.metrics = new AgentMetrics(loaded.config().service().topDestinations(), version);
  }

  /**
   * @throws AgentException (invalid) when the configuration asks for namespaces the platform does
   *     not have: every cycle would fail otherwise
   */
  private void use(Loaded l) {
    if (!l.config().service().namespaces().hostOnly()
        && !session.platform().hasNetworkNamespaces()) {
      throw new AgentException(
          Failure.INVALID,
          l.config().source()
              + ": namespaces: "
              + session.platform().name()
              + " has no network namespaces to scan; leave the key out or set it to host");
    }
    this.loaded = l;
    this.scans = new ScanService(session, l.config(), l.engine(), zone);
  }

  public ServiceSettings settings() {
    return loaded.config().service();
  }

  public AgentMetrics metrics() {
    return metrics;
  }

  /**
   * Serves {@code /metrics} at the configured address, if one is configured.
   *
   * @throws AgentException (operational) when the address cannot be bound
   */
  public Optional<InetSocketAddress> startHttp() {
    Optional<InetSocketAddress> listen = settings().metricsListen();
    if (listen.isEmpty()) {
      return Optional.empty();
    }
    InetSocketAddress at = listen.get();
    try {
      http =
          HTTPServer.builder()
              .inetAddress(at.getAddress())
              .port(at.getPort())
              .registry(metrics.registry())
              .buildAndStart();
      InetSocketAddress bound = new InetSocketAddress(at.getAddress(), http.getPort());
      LOG.info("serving metrics at http://{}:{}/metrics", at.getHostString(), http.getPort());
      return Optional.of(bound);
    } catch (IOException e) {
      throw new AgentException(
          Failure.OPERATIONAL,
          "cannot serve metrics at "
              + at.getHostString()
              + ":"
              + at.getPort()
              + ": "
              + e.getMessage());
    }
  }

  /**
   * Tells {@code listener} how each cycle ended, on the scheduler thread (the Windows service
   * passes critical findings to the event log). A listener's exception is logged, never propagated.
   */
  public void onCycle(Consumer<CycleResult> listener) {
    this.cycleListener = listener;
  }

  /** Asks the service to stop after the cycle in progress; safe from any thread. */
  public void requestStop() {
    stopRequested = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /** Asks the service to re-read its configuration and rules; safe from any thread. */
  public void requestReload() {
    reloadRequested = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /** Runs cycles on the schedule until {@link #requestStop()}; then stops serving metrics. */
  public void run() {
    try {
      Instant start = clock.instant();
      cycle();
      long n = 0;
      while (!stopRequested) {
        Instant next = nextSlot(start, ++n);
        waitUntil(next);
        if (stopRequested) {
          break;
        }
        if (reloadRequested) {
          reload();
          n--; // the slot is still ahead
          continue;
        }
        if (!clock.instant().isBefore(next)) {
          cycle();
        } else {
          n--; // woken early without a reason to act: wait for the same slot again
        }
      }
      LOG.info("stopping");
    } finally {
      if (http != null) {
        http.close();
      }
    }
  }

  /**
   * The {@code n}-th slot after {@code start}: {@code start + offset + n * every}, with a per-host
   * offset within the splay so that a fleet's hosts spread out while each keeps a regular interval.
   */
  Instant nextSlot(Instant start, long n) {
    ServiceSettings s = settings();
    long splayMillis = s.splay().toMillis();
    String host = lastScan != null ? lastScan.facts().host().hostname() : "";
    long offset = splayMillis == 0 ? 0 : Math.floorMod((long) host.hashCode(), splayMillis + 1);
    return start.plusMillis(offset).plus(s.every().multipliedBy(n));
  }

  private void waitUntil(Instant when) {
    synchronized (wake) {
      while (!stopRequested && !reloadRequested) {
        long ms = Duration.between(clock.instant(), when).toMillis();
        if (ms <= 0) {
          return;
        }
        try {
          wake.wait(ms);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopRequested = true;
          return;
        }
      }
    }
  }

  /** Re-reads configuration and rules; keeps the current ones when the new ones are invalid. */
  public void reload() {
    reloadRequested = false;
    try {
      Loaded fresh = loader.load();
      Optional<InetSocketAddress> before = settings().metricsListen();
      use(fresh);
      LOG.info(
          "reloaded the configuration ({}) and {} rules",
          fresh.config().source(),
          fresh.engine().rules().size());
      if (!before.equals(settings().metricsListen())) {
        LOG.warn("metrics.listen changed; the new address is used after a restart");
      }
    } catch (AgentException e) {
      LOG.warn("configuration not reloaded, keeping the previous one: {}", e.getMessage());
    }
  }

  /** One cycle: recover, scan, report, prune, remediate, publish. Never throws for a bad scan. */
  public CycleResult cycle() {
    long t0 = System.nanoTime();
    for (String line : session.recover()) {
      LOG.warn(line);
    }
    AgentConfig config = loaded.config();
    Severity failOn = config.failOn();
    NamespaceScope scope = config.service().namespaces();
    Optional<Scan> scan = Optional.empty();
    Optional<NamespacesScan> namespaces = Optional.empty();
    Optional<Verdict> verdict = Optional.empty();
    List<String> notes = new ArrayList<>();
    double seconds;
    try {
      if (scope.hostOnly()) {
        Scan s = scans.scan(FactCollector.CounterMode.SCHEDULED);
        seconds = (System.nanoTime() - t0) / 1e9;
        scan = Optional.of(s);
        verdict = Optional.of(s.verdict(failOn));
        lastScan = s;
        lastNamespaces = null;
        writeReport(Json.scan(s, failOn), s.at(), notes);
      } else {
        NamespacesScan n =
            scans.scanNamespaces(selection(scope), FactCollector.CounterMode.SCHEDULED);
        seconds = (System.nanoTime() - t0) / 1e9;
        namespaces = Optional.of(n);
        scan = own(n);
        verdict = Optional.of(n.verdict(failOn));
        scan.ifPresent(s -> lastScan = s);
        lastNamespaces = n;
        reportNotScanned(n);
        writeReport(Json.namespaces(n, failOn), n.at(), notes);
      }
      if (config.service().autoRemediation() && scan.isPresent()) {
        remediate(scan.get(), config, notes);
      }
    } catch (RuntimeException e) {
      seconds = (System.nanoTime() - t0) / 1e9;
      notes.add("scan failed: " + e.getMessage());
      LOG.error("scan failed: {}", e.getMessage());
      LOG.debug("scan failure", e);
    }
    Instant ended = clock.instant();
    metrics.observe(
        new AgentMetrics.Observation(
            lastScan,
            Optional.ofNullable(lastNamespaces),
            failOn,
            verdict.isPresent(),
            seconds,
            ended.toEpochMilli() / 1000.0,
            transactionsByState()));
    writeTextfile(config.service());
    String line =
        namespaces.isPresent()
            ? CycleSummary.of(namespaces.get(), failOn, seconds)
            : scan.isPresent()
                ? CycleSummary.of(scan.get(), failOn, seconds)
                : CycleSummary.failed(seconds, notes);
    if (verdict.isPresent()) {
      LOG.info(line);
    }
    for (String note : notes) {
      LOG.debug(note);
    }
    CycleResult result = new CycleResult(scan, namespaces, verdict, line);
    try {
      cycleListener.accept(result);
    } catch (RuntimeException e) {
      LOG.warn("cycle listener failed: {}", e.toString());
    }
    return result;
  }

  /** The core's selection for the configured scope. */
  private static NamespaceSelection selection(NamespaceScope scope) {
    return scope.all() ? NamespaceSelection.ALL : NamespaceSelection.of(scope.labels());
  }

  /** The agent's own namespace's part, when there is one. */
  private static Optional<Scan> own(NamespacesScan n) {
    return n.namespaces().stream()
        .filter(p -> p.namespace().kind() == NetworkNamespace.Kind.HOST)
        .flatMap(p -> p.scan().stream())
        .findFirst();
  }

  /**
   * Logs the namespaces that were chosen but not scanned, and the configured labels that named
   * none: containers come and go, so neither fails the cycle.
   */
  private static void reportNotScanned(NamespacesScan n) {
    for (NamespaceScan missing : n.missing()) {
      missing.missing().ifPresent(p -> LOG.warn(p.message()));
    }
    for (String label : n.unmatched()) {
      LOG.warn("namespaces: '{}' names no network namespace on this host now", label);
    }
  }

  private void writeReport(String json, Instant at, List<String> notes) {
    ServiceSettings service = loaded.config().service();
    try {
      Path file = reports.write(json, at);
      LOG.debug("report {}", file);
      int removed = reports.prune(service.reportsKeep(), service.reportsMaxAge(), at);
      if (removed > 0) {
        LOG.debug("pruned {} old reports", removed);
      }
    } catch (IOException e) {
      notes.add("report not written: " + e.getMessage());
      LOG.warn("cannot write the report under {}: {}", reports.directory(), e.getMessage());
    }
  }

  private void remediate(Scan s, AgentConfig config, List<String> notes) {
    AutoRemediation auto = new AutoRemediation(config.service());
    Set<String> ruleIds =
        scans.engine().rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
    RemediationService remediation = new RemediationService(session, config, ruleIds);
    List<String> skipped = new ArrayList<>();
    Set<String> rules = auto.select(s, remediation.history(), skipped);
    skipped.forEach(k -> LOG.info("automatic remediation held back: {}", k));
    if (rules.isEmpty()) {
      return;
    }
    try {
      RemediationService.Plan plan = auto.plan(remediation, s, rules);
      if (plan.prepared().nothingToDo()) {
        return;
      }
      Transactions.Outcome outcome = remediation.apply(plan, AutoRemediation.ACTOR);
      for (String m : outcome.messages()) {
        if (outcome.done()) {
          LOG.info("automatic remediation ({}): {}", String.join(", ", rules), m);
        } else {
          LOG.error("automatic remediation ({}): {}", String.join(", ", rules), m);
        }
      }
      notes.add("automatic remediation: " + outcome.result());
    } catch (AgentException e) {
      LOG.warn(
          "automatic remediation ({}) not applied: {}", String.join(", ", rules), e.getMessage());
    }
  }

  private Map<String, Long> transactionsByState() {
    try {
      return session.journal().entries().stream()
          .collect(
              Collectors.groupingBy(
                  (JournalEntry e) -> e.state().label(), TreeMap::new, Collectors.counting()));
    } catch (IOException e) {
      LOG.warn("cannot read the journal for metrics: {}", e.getMessage());
      return Map.of();
    }
  }

  private void writeTextfile(ServiceSettings service) {
    if (service.metricsTextfile().isEmpty()) {
      return;
    }
    Path file = service.metricsTextfile().get();
    try {
      DurableFiles files = session.conventions().files();
      files.write(file, metrics.text(), DurableFiles.Visibility.PUBLIC);
    } catch (IOException e) {
      LOG.warn("cannot write the metrics textfile {}: {}", file, e.getMessage());
    }
  }
}
