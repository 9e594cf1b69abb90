package io.sockwarden.model;

import java.util.List;
import java.util.Objects;

/**
 * The value a kernel parameter gets at boot from the persistent sysctl configuration, applying
 * sysctl.d(5) precedence.
 *
 * @param key dotted key
 * @param winner the assignment that is applied last and so wins
 * @param assignments every assignment of the key in the order they are applied, {@code winner} last
 */
public record BootValue(String key, SysctlAssignment winner, List<SysctlAssignment> assignments)
    implements Evidential {
  public BootValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(winner, "winner");
    assignments = List.copyOf(assignments);
  }

  public String value() {
    return winner.value();
  }

  /** Whether more than one file assigns the key a value different from the winner's. */
  public boolean contested() {
    return assignments.stream().anyMatch(a -> !a.value().equals(winner.value()));
  }

  /** The assignments the winner overrides (with a different value). */
  public List<SysctlAssignment> overridden() {
    return assignments.stream().filter(a -> !a.value().equals(winner.value())).toList();
  }

  @Override
  public Evidence evidence() {
    return new Evidence(key + " at boot", winner.value(), winner.location());
  }
}
