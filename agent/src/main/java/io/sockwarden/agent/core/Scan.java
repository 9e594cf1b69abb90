package io.sockwarden.agent.core;

import io.sockwarden.model.Finding;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.Severity;
import io.sockwarden.model.UnevaluatedRule;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of one scan: what was collected, what the rules concluded, which rules gave no
 * verdict, and when.
 *
 * @param at when the facts were collected
 * @param facts the collected facts, with gaps and problems
 * @param findings the findings, most severe first
 * @param unevaluated rules that gave no verdict (not applicable, missing a fact, or failed)
 * @param counterWindow what counters' increases cover: {@code since boot}, or {@code since the
 *     previous scheduled scan at 08:18}
 */
public record Scan(
    Instant at,
    HostFacts facts,
    List<Finding> findings,
    List<UnevaluatedRule> unevaluated,
    String counterWindow) {
  public Scan {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(counterWindow, "counterWindow");
    findings = List.copyOf(findings);
    unevaluated = List.copyOf(unevaluated);
  }

  /** Findings at or above {@code threshold}. */
  public long countAtLeast(Severity threshold) {
    return findings.stream().filter(f -> f.severity().atLeast(threshold)).count();
  }

  /** Rules that should have given a verdict but could not (not the ones that do not apply). */
  public List<UnevaluatedRule> incompleteRules() {
    return unevaluated.stream().filter(u -> u.cause().incomplete()).toList();
  }

  /** Whether every rule that applies to this host gave a verdict. */
  public boolean complete() {
    return incompleteRules().isEmpty();
  }

  /** The scan's verdict against {@code failOn}. */
  public Verdict verdict(Severity failOn) {
    if (countAtLeast(failOn) > 0) {
      return Verdict.FINDINGS;
    }
    return complete() ? Verdict.COMPLIANT : Verdict.INCOMPLETE;
  }
}
