package io.sockwarden.agent.core;

import io.sockwarden.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A scan of several network namespaces: each one's own scan, the agent's own namespace first. Its
 * verdict is the worst of theirs; a namespace that disappeared before its visit has no verdict and
 * does not change it (it is reported, not failed).
 *
 * @param at when discovery ran
 * @param namespaces each namespace's part, in discovery order
 * @param unmatched the labels or inodes asked for that matched no namespace (one that stopped, or a
 *     typing error): reported, not failed, since containers come and go
 */
public record NamespacesScan(Instant at, List<NamespaceScan> namespaces, List<String> unmatched) {
  public NamespacesScan {
    Objects.requireNonNull(at, "at");
    namespaces = List.copyOf(namespaces);
    unmatched = List.copyOf(unmatched);
  }

  /** The scans that could be made. */
  public List<Scan> scans() {
    return namespaces.stream().flatMap(n -> n.scan().stream()).toList();
  }

  /** Findings at or above {@code threshold}, in all namespaces. */
  public long countAtLeast(Severity threshold) {
    return scans().stream().mapToLong(s -> s.countAtLeast(threshold)).sum();
  }

  /** The namespaces that were gone or could not be entered. */
  public List<NamespaceScan> missing() {
    return namespaces.stream().filter(n -> n.scan().isEmpty()).toList();
  }

  /** Findings in any namespace win over incompleteness in any; compliant only when all are. */
  public Verdict verdict(Severity failOn) {
    Verdict worst = Verdict.COMPLIANT;
    for (Scan s : scans()) {
      Verdict v = s.verdict(failOn);
      if (v == Verdict.FINDINGS) {
        return v;
      }
      if (v == Verdict.INCOMPLETE) {
        worst = v;
      }
    }
    return worst;
  }
}
