package io.sockwarden.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule's consequence inserts into the session. The engine completes it into a {@link
 * Finding} with the inserting rule's {@code @id} and {@code @severity}; a draft may raise or lower
 * the severity for one finding (e.g. critical above a second threshold).
 *
 * <pre>{@code
 * then
 *   insert(new FindingDraft("somaxconn is " + $s.value(), "Why it matters ...")
 *       .evidence($s)
 *       .change(new SysctlChange($s.key(), $s.value(), "4096")));
 * }</pre>
 *
 * <p>Not thread-safe; a draft belongs to the one rule firing that creates it.
 */
public final class FindingDraft {
  private final String title;
  private final String explanation;
  private final List<Evidence> evidence = new ArrayList<>();
  private final List<Change> changes = new ArrayList<>();
  private Severity severity;

  public FindingDraft(String title, String explanation) {
    this.title = Objects.requireNonNull(title, "title");
    this.explanation = Objects.requireNonNull(explanation, "explanation");
  }

  public FindingDraft evidence(Evidential fact) {
    evidence.add(fact.evidence());
    return this;
  }

  public FindingDraft evidence(String label, Object value, String source) {
    evidence.add(new Evidence(label, String.valueOf(value), source));
    return this;
  }

  public FindingDraft change(Change change) {
    changes.add(Objects.requireNonNull(change, "change"));
    return this;
  }

  /** Overrides the rule's {@code @severity} for this finding. */
  public FindingDraft severity(Severity severity) {
    this.severity = Objects.requireNonNull(severity, "severity");
    return this;
  }

  public Optional<Severity> severityOverride() {
    return Optional.ofNullable(severity);
  }

  public Finding complete(String ruleId, Severity ruleSeverity) {
    return new Finding(
        ruleId, severity != null ? severity : ruleSeverity, title, explanation, evidence, changes);
  }
}
