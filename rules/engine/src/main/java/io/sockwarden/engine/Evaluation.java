package io.sockwarden.engine;

import io.sockwarden.model.Finding;
import io.sockwarden.model.UnevaluatedRule;
import java.util.List;

/**
 * What one evaluation concluded: the findings, and the rules that gave no verdict.
 *
 * @param findings most severe first
 * @param unevaluated rules not applicable, missing a fact, or failed
 */
public record Evaluation(List<Finding> findings, List<UnevaluatedRule> unevaluated) {
  public Evaluation {
    findings = List.copyOf(findings);
    unevaluated = List.copyOf(unevaluated);
  }
}
