package io.sockwarden.model;

import java.util.Objects;

/**
 * A rule that gave no verdict in a scan, and why. A scan with an unevaluated rule whose {@link
 * Cause#incomplete()} is true is <em>incomplete</em>: it must not be reported as compliant.
 *
 * @param ruleId the rule's {@code @id}
 * @param ruleName the rule's name in its DRL file
 * @param origin {@code built-in}, or the administrator rule file's path
 * @param cause why it gave no verdict
 * @param reason in words: the missing fact and why, or what the rule threw
 */
public record UnevaluatedRule(
    String ruleId, String ruleName, String origin, Cause cause, String reason) {
  /** Why a rule gave no verdict. */
  public enum Cause {
    /** A fact it needs does not exist on this host (an older kernel): the rule does not apply. */
    NOT_APPLICABLE,
    /** A fact it needs could not be read or parsed. */
    MISSING_FACT,
    /** The rule itself failed: it threw, or kept firing without settling, or ran out of time. */
    FAILED;

    /** Whether this leaves the scan incomplete. */
    public boolean incomplete() {
      return this != NOT_APPLICABLE;
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  public UnevaluatedRule {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(reason, "reason");
  }
}
