package io.sockwarden.engine;

import io.sockwarden.model.Finding;
import io.sockwarden.model.UnevaluatedRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of one evaluation: what the rules found, and which rules gave no verdict and why. An
 * evaluation with an unevaluated rule whose cause is {@linkplain UnevaluatedRule.Cause#incomplete()
 * incomplete} must not be reported as compliant.
 *
 * @param findings most severe first, then by rule id and title
 * @param unevaluated built-in rules first, then by origin, rule id and rule name
 */
public record Evaluation(List<Finding> findings, List<UnevaluatedRule> unevaluated) {
  static final Comparator<Finding> FINDING_ORDER =
      Comparator.comparing(Finding::severity)
          .reversed()
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::title);
  static final Comparator<UnevaluatedRule> UNEVALUATED_ORDER =
      Comparator.comparing((UnevaluatedRule u) -> !u.origin().equals(RuleEngine.BUILT_IN))
          .thenComparing(UnevaluatedRule::origin)
          .thenComparing(UnevaluatedRule::ruleId)
          .thenComparing(UnevaluatedRule::ruleName);

  public Evaluation {
    findings = List.copyOf(findings);
    unevaluated = List.copyOf(unevaluated);
  }

  /** Whether some rule gave no verdict for a reason that leaves the scan incomplete. */
  public boolean incomplete() {
    return unevaluated.stream().anyMatch(u -> u.cause().incomplete());
  }

  /** The evaluations of several rule sets as one, each list in its documented order. */
  static Evaluation merge(Collection<Evaluation> parts) {
    List<Finding> findings = new ArrayList<>();
    List<UnevaluatedRule> unevaluated = new ArrayList<>();
    for (Evaluation part : parts) {
      findings.addAll(part.findings());
      unevaluated.addAll(part.unevaluated());
    }
    findings.sort(FINDING_ORDER);
    unevaluated.sort(UNEVALUATED_ORDER);
    return new Evaluation(findings, unevaluated);
  }
}
