package io.sockwarden.agent.service;

import io.sockwarden.agent.config.ServiceSettings;
import io.sockwarden.agent.core.RemediationService;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.agent.journal.JournalEntry;
import io.sockwarden.model.ApplyMode;
import io.sockwarden.model.Change;
import io.sockwarden.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The service's automatic remediation: which findings it may fix on its own this cycle.
 *
 * <p>Only rules on the allow-list, at most {@code max-changes-per-cycle} settings a cycle, and each
 * setting at most once: a setting an earlier automatic transaction already changed is never changed
 * again automatically, whether that change is still in place, was rolled back, or was changed by
 * someone since. An administrator who overrides what the agent set is reported to (the finding
 * stays), not fought over in a loop.
 */
final class AutoRemediation {
  /** Who automatic transactions are recorded as in the journal. */
  static final String ACTOR = "sockwarden run (automatic remediation)";

  private final ServiceSettings settings;

  AutoRemediation(ServiceSettings settings) {
    this.settings = settings;
  }

  /**
   * The rule ids whose changes to apply this cycle, within the cap and never twice for a setting.
   *
   * @param history the journal, for the settings automatic transactions changed before
   * @param skipped filled with a line for each finding held back, and why
   */
  Set<String> select(Scan scan, List<JournalEntry> history, List<String> skipped) {
    Set<String> touchedBefore = new LinkedHashSet<>();
    for (JournalEntry e : history) {
      if (ACTOR.equals(e.user()) && e.operation().equals("apply")) {
        for (String change : e.changes()) {
          int colon = change.indexOf(':');
          touchedBefore.add(colon > 0 ? change.substring(0, colon) : change);
        }
      }
    }
    Set<String> rules = new LinkedHashSet<>();
    int budget = settings.maxChangesPerCycle();
    for (Finding f : scan.findings()) {
      if (f.changes().isEmpty() || !settings.allow().contains(f.ruleId())) {
        continue;
      }
      List<String> keys = new ArrayList<>();
      f.changes().forEach(c -> key(c).ifPresent(keys::add));
      Optional<String> again = keys.stream().filter(touchedBefore::contains).findFirst();
      if (again.isPresent()) {
        skipped.add(
            f.ruleId()
                + ": "
                + again.get()
                + " was already changed automatically once; not changing it again (see"
                + " `sockwarden history`)");
        continue;
      }
      if (keys.size() > budget) {
        skipped.add(
            f.ruleId()
                + ": over this cycle's limit of "
                + settings.maxChangesPerCycle()
                + " changes; left for the next cycle");
        continue;
      }
      budget -= keys.size();
      touchedBefore.addAll(keys);
      rules.add(f.ruleId());
    }
    return rules;
  }

  /** The plan for {@code rules}, on both the live value and the persistent configuration. */
  RemediationService.Plan plan(RemediationService remediation, Scan scan, Set<String> rules) {
    return remediation.plan(scan, rules, ApplyMode.LIVE_AND_PERSISTENT);
  }

  /** The setting a change names: what its journal line says before the first colon. */
  private static Optional<String> key(Change c) {
    String line = c.describe();
    int colon = line.indexOf(':');
    return colon > 0 ? Optional.of(line.substring(0, colon)) : Optional.empty();
  }
}
