package io.sockwarden.agent.core;

import java.util.Locale;

/**
 * A scan's verdict. Findings win over incompleteness: a host with a finding at or above the
 * threshold is not compliant whatever else could not be judged. A scan with a rule that should have
 * given a verdict but could not (a fact unreadable or unparsable, a rule that failed) is never
 * called compliant.
 */
public enum Verdict {
  /** Every applicable rule gave a verdict and no finding is at or above the threshold. */
  COMPLIANT,
  /** At least one finding is at or above the threshold. */
  FINDINGS,
  /** No finding at or above the threshold, but at least one applicable rule gave no verdict. */
  INCOMPLETE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
