package io.sockwarden.agent.core;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.engine.Evaluation;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.model.NamespaceFacts;
import io.sockwarden.model.NetworkNamespace;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collect, compare counters, evaluate: one scan of the host. Built once with its configuration and
 * rule base, then used for as many scans as the front end wants (a command does one, the service
 * one per cycle) without re-reading configuration or rebuilding the rule base. Not thread-safe.
 */
public final class ScanService {
  private final HostSession session;
  private final AgentConfig config;
  private final RuleEngine engine;
  private final FactCollector collector;

  public ScanService(HostSession session, AgentConfig config, RuleEngine engine) {
    this(session, config, engine, ZoneId.systemDefault());
  }

  /**
   * @param zone the time zone counter windows are described in
   */
  public ScanService(HostSession session, AgentConfig config, RuleEngine engine, ZoneId zone) {
    this.session = session;
    this.config = config;
    this.engine = engine;
    this.collector = new FactCollector(session, zone);
  }

  public AgentConfig config() {
    return config;
  }

  public RuleEngine engine() {
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
              : new Scan(at, nf.facts().get(), List.of(), List.of(), OTHER_NAMESPACE_WINDOW);
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
          Failure.OPERATIONAL,
          nf.missing().map(p -> p.message()).orElse("namespace " + namespace.describe())
              + "; nothing was changed");
    }
    return evaluate(new Scan(at, nf.facts().get(), List.of(), List.of(), OTHER_NAMESPACE_WINDOW));
  }

  /** What counter increases cover in a namespace other than the agent's own. */
  public static final String OTHER_NAMESPACE_WINDOW = "since the namespace was created";

  private Scan evaluate(Scan collected) {
    List<Object> facts = new ArrayList<>(collected.facts().all());
    facts.add(config.policy());
    Evaluation evaluation = engine.evaluate(facts, collected.facts().gaps());
    return new Scan(
        collected.at(),
        collected.facts(),
        evaluation.findings(),
        evaluation.unevaluated(),
        collected.counterWindow());
  }

  /** Collects and evaluates; {@code mode} says whether this scan moves the counter baseline. */
  public Scan scan(FactCollector.CounterMode mode) {
    return evaluate(collector.collect(mode));
  }
}
