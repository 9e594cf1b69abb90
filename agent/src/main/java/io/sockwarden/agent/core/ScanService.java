package io.sockwarden.agent.core;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.engine.Evaluation;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.NamespaceFacts;
import io.sockwarden.model.NetworkNamespace;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Collect, compare counters, evaluate: one scan of the host. Built once with its configuration and
 * rule base, then used for as many scans as the front end wants (a command does one, the service
 * one per cycle) without re-reading configuration or rebuilding the rule base. Not thread-safe.
 */
public final class ScanService {
  private final HostSession session;
  private final AgentConfig config;
  private final Supplier<RuleEngine> load;
  private final FactCollector collector;
  private RuleEngine engine; // null until load has run

  public ScanService(HostSession session, AgentConfig config, RuleEngine engine) {
    this(session, config, engine, ZoneId.systemDefault());
  }

  /**
   * @param zone the time zone counter windows are described in
   */
  public ScanService(HostSession session, AgentConfig config, RuleEngine engine, ZoneId zone) {
    this(session, config, () -> engine, zone);
    this.engine = engine;
  }

  private ScanService(
      HostSession session, AgentConfig config, Supplier<RuleEngine> load, ZoneId zone) {
    this.session = session;
    this.config = config;
    this.load = load;
    this.collector = new FactCollector(session, zone);
  }

  /**
   * A service that loads its rules when first asked for them: {@link #scan} reads the host first,
   * so a command's rule base, built on another thread from its start, is finished meanwhile instead
   * of being waited for. An exception from {@code load} (administrator rules that do not compile)
   * is thrown by that scan before any counter is compared or the baseline moved, and before the
   * check that anything could be read: a failing command still changes nothing, with the same error
   * as when the rules were loaded first.
   */
  public static ScanService loadingRulesWhenNeeded(
      HostSession session, AgentConfig config, Supplier<RuleEngine> load) {
    return new ScanService(session, config, load, ZoneId.systemDefault());
  }

  public AgentConfig config() {
    return config;
  }

  /** The rule engine, loaded now if it was not yet. */
  public RuleEngine engine() {
    if (engine == null) {
      engine = load.get();
    }
    return engine;
  }

  public HostSession session() {
    return session;
  }

  /**
   * Scans the network namespaces {@code selection} covers, each from inside (the platform enters
   * them), with the same rules; the agent's own namespace as {@link #scan} does, counter baseline
   * included. Other namespaces' counters count since each namespace was created.
   *
   * @throws AgentException (operational) when the platform cannot enumerate namespaces, or nothing
   *     could be read in the agent's own namespace
   */
  public NamespacesScan scanNamespaces(
      NamespaceSelection selection, FactCollector.CounterMode mode) {
    engine(); // rule errors before namespace errors
    Instant at = session.clock().instant();
    List<NetworkNamespace> discovered = session.platform().networkNamespaces(session.context());
    if (discovered.isEmpty()) {
      throw new AgentException(
          Failure.OPERATIONAL,
          "no network namespace could be enumerated here ("
              + session.platform().name()
              + "; under "
              + session.context().procRoot()
              + ")");
    }
    NamespaceSelection.Chosen chosen = selection.choose(discovered);
    List<NamespaceScan> parts = new ArrayList<>();
    for (NamespaceFacts nf :
        session.platform().collectNamespaces(session.context(), chosen.namespaces())) {
      NetworkNamespace ns = nf.namespace();
      if (nf.facts().isEmpty()) {
        parts.add(new NamespaceScan(ns, Optional.empty(), nf.missing()));
        continue;
      }
      Scan collected =
          ns.kind() == NetworkNamespace.Kind.HOST
              ? collector.collected(nf.facts().get(), at, mode)
              : ofOtherNamespace(nf.facts().get(), at);
      parts.add(new NamespaceScan(ns, Optional.of(evaluate(collected)), Optional.empty()));
    }
    return new NamespacesScan(at, parts, chosen.unmatched());
  }

  /**
   * Scans one network namespace from inside, as {@link #scanNamespaces} scans each: the agent's own
   * as {@link #scan} does.
   *
   * @throws AgentException (operational) when it is gone or cannot be entered
   */
  public Scan scanIn(NetworkNamespace namespace, FactCollector.CounterMode mode) {
    if (namespace.kind() == NetworkNamespace.Kind.HOST) {
      return scan(mode);
    }
    Instant at = session.clock().instant();
    NamespaceFacts nf =
        session.platform().collectNamespaces(session.context(), List.of(namespace)).get(0);
    if (nf.facts().isEmpty()) {
      throw new AgentException(
          Failure.OPERATIONAL, nf.missing().orElseThrow().message() + "; nothing was changed");
    }
    return evaluate(ofOtherNamespace(nf.facts().get(), at));
  }

  /** Another namespace's facts, not yet evaluated: its counters count since it was created. */
  private static Scan ofOtherNamespace(HostFacts facts, Instant at) {
    return new Scan(at, facts, List.of(), List.of(), OTHER_NAMESPACE_WINDOW);
  }

  /** What counter increases cover in a namespace other than the agent's own. */
  public static final String OTHER_NAMESPACE_WINDOW = "since the namespace was created";

  private Scan evaluate(Scan collected) {
    List<Object> facts = new ArrayList<>(collected.facts().all());
    facts.add(config.policy());
    Evaluation evaluation = engine().evaluate(facts, collected.facts().gaps());
    return new Scan(
        collected.at(),
        collected.facts(),
        evaluation.findings(),
        evaluation.unevaluated(),
        collected.counterWindow());
  }

  /** Collects and evaluates; {@code mode} says whether this scan moves the counter baseline. */
  public Scan scan(FactCollector.CounterMode mode) {
    Instant at = session.clock().instant();
    // Reading changes nothing; meanwhile the rule base may still be building on another thread.
    HostFacts raw = session.platform().collect(session.context());
    engine();
    return evaluate(collector.collected(raw, at, mode));
  }
}
