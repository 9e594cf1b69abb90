package io.sockwarden.agent.core;

import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.engine.Evaluation;
import io.sockwarden.engine.RuleEngine;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

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

  /** Collects and evaluates; {@code mode} says whether this scan moves the counter baseline. */
  public Scan scan(FactCollector.CounterMode mode) {
    Scan collected = collector.collect(mode);
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
}
