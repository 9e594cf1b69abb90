package io.sockwarden.agent.scan;

import io.sockwarden.engine.RuleEngine;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.Finding;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.Platform;
import io.sockwarden.model.Policy;
import io.sockwarden.model.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of one scan: what was collected, what the rules concluded, and when.
 *
 * @param at when the facts were collected
 * @param facts the collected facts, with collection problems
 * @param findings the findings, most severe first
 */
public record Scan(Instant at, HostFacts facts, List<Finding> findings) {
  public Scan {
    findings = List.copyOf(findings);
  }

  /**
   * Collects the host's facts, turns counters into increases since the previous scan (kept in the
   * state directory), evaluates them and records the counters for the next scan.
   */
  public static Scan run(
      Platform platform, CollectionContext context, Policy policy, RuleEngine engine, Clock clock) {
    Instant at = clock.instant();
    CounterHistory history = new CounterHistory(context.stateDir());
    HostFacts facts = history.apply(platform.collect(context));
    CollectionProblem unsaved = history.save(facts, at);
    if (unsaved != null) {
      facts = facts.withProblem(unsaved);
    }
    List<Object> session = new ArrayList<>(facts.all());
    session.add(policy);
    return new Scan(at, facts, engine.evaluate(session));
  }

  /** Findings at or above {@code threshold}. */
  public long countAtLeast(Severity threshold) {
    return findings.stream().filter(f -> f.severity().atLeast(threshold)).count();
  }
}
