package io.sockwarden.agent.scan;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.ExitCodes;
import io.sockwarden.model.ApplyMode;
import io.sockwarden.model.Change;
import io.sockwarden.model.ChangeRejectedException;
import io.sockwarden.model.Finding;
import io.sockwarden.model.PreparedChanges;
import io.sockwarden.model.Remediation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Picks the changes the findings propose (all, or those of some rules) and prepares them. */
public final class ChangePlanner {
  private ChangePlanner() {}

  /**
   * The findings with changes, and the platform's preparation of those changes.
   *
   * @param findings the findings whose changes were selected
   * @param prepared what the platform will write
   */
  public record Plan(List<Finding> findings, PreparedChanges prepared) {}

  /**
   * @param only rule ids to take changes from; empty means every rule
   * @param knownIds every rule id in the catalogue, to reject a misspelt {@code --only}
   * @throws AgentException exit 2 for an unknown rule id or an invalid change, 1 when the host
   *     cannot be changed here, 77 without privileges
   */
  public static Plan plan(
      Scan scan, Remediation remediation, Set<String> only, Set<String> knownIds, ApplyMode mode) {
    Set<String> unknown = new TreeSet<>(only);
    unknown.removeAll(knownIds);
    if (!unknown.isEmpty()) {
      throw new AgentException(
          ExitCodes.USAGE,
          "--only names unknown rule ids " + unknown + "; `sockwarden rules list` shows them");
    }
    List<Finding> selected = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (Finding f : scan.findings()) {
      if (!f.changes().isEmpty() && (only.isEmpty() || only.contains(f.ruleId()))) {
        selected.add(f);
        changes.addAll(f.changes());
      }
    }
    try {
      return new Plan(selected, remediation.prepare(changes, scan.facts(), mode));
    } catch (ChangeRejectedException e) {
      int code =
          switch (e.reason()) {
            case INVALID -> ExitCodes.USAGE;
            case NOT_WRITABLE -> ExitCodes.OPERATIONAL;
            case PRIVILEGE -> ExitCodes.NO_PRIVILEGE;
          };
      throw new AgentException(
          code,
          "the changes cannot be applied; nothing was changed:\n  "
              + String.join("\n  ", e.problems()));
    }
  }
}
