package io.sockwarden.model;

import java.util.List;
import java.util.Objects;

/**
 * What a rule concluded about the host: an actionable statement with its evidence and the changes
 * that would fix it. Built by the engine from a {@link FindingDraft} and the rule's {@code @id} and
 * {@code @severity} metadata.
 *
 * @param ruleId stable rule identifier, e.g. {@code LNX-SOMAXCONN-LOW}
 * @param severity how urgent it is
 * @param title one line
 * @param explanation why it matters and what helps, in two or three sentences
 * @param evidence the observed facts
 * @param changes proposed changes, possibly none (advice only)
 */
public record Finding(
    String ruleId,
    Severity severity,
    String title,
    String explanation,
    List<Evidence> evidence,
    List<Change> changes) {
  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(explanation, "explanation");
    evidence = List.copyOf(evidence);
    changes = List.copyOf(changes);
    if (ruleId.isBlank() || title.isBlank()) {
      throw new IllegalArgumentException("a finding needs a rule id and a title");
    }
  }
}
