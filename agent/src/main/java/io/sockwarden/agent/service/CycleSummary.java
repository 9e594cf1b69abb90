package io.sockwarden.agent.service;

import io.sockwarden.agent.core.NamespacesScan;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.model.Finding;
import io.sockwarden.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The one log line that says how a cycle ended. */
final class CycleSummary {
  private CycleSummary() {}

  /** {@code cycle failed after 12 ms: scan failed: ...}. */
  static String failed(double seconds, List<String> notes) {
    return "cycle failed after " + millis(seconds) + ": " + String.join("; ", notes);
  }

  /** {@code scan: findings, 2 findings (1 critical, 1 warning), 1 rules not evaluated, 140 ms}. */
  static String of(Scan s, Severity failOn, double seconds) {
    int unevaluated = s.incompleteRules().size();
    return "scan: "
        + s.verdict(failOn).label()
        + ", "
        + findings(s.findings())
        + (unevaluated > 0 ? ", " + unevaluated + " rules not evaluated" : "")
        + ", "
        + millis(seconds);
  }

  /**
   * {@code scan: findings, 2 findings (2 warning) in 5 namespaces (1 missing; unmatched:
   * docker:db), 140 ms}: the findings and unevaluated rules of all namespaces scanned.
   */
  static String of(NamespacesScan n, Severity failOn, double seconds) {
    List<Scan> scans = n.scans();
    long unevaluated = scans.stream().mapToLong(s -> s.incompleteRules().size()).sum();
    List<String> notScanned = new ArrayList<>();
    if (!n.missing().isEmpty()) {
      notScanned.add(n.missing().size() + " missing");
    }
    if (!n.unmatched().isEmpty()) {
      notScanned.add("unmatched: " + String.join(", ", n.unmatched()));
    }
    return "scan: "
        + n.verdict(failOn).label()
        + ", "
        + findings(scans.stream().flatMap(s -> s.findings().stream()).toList())
        + " in "
        + scans.size()
        + (scans.size() == 1 ? " namespace" : " namespaces")
        + (notScanned.isEmpty() ? "" : " (" + String.join("; ", notScanned) + ")")
        + (unevaluated > 0 ? ", " + unevaluated + " rules not evaluated" : "")
        + ", "
        + millis(seconds);
  }

  /** {@code no findings}, or {@code 3 findings (1 critical, 2 warning)}. */
  private static String findings(List<Finding> findings) {
    if (findings.isEmpty()) {
      return "no findings";
    }
    Map<String, Long> bySeverity =
        findings.stream()
            .collect(
                Collectors.groupingBy(
                    f -> f.severity().label(), TreeMap::new, Collectors.counting()));
    return findings.size()
        + " findings ("
        + bySeverity.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String millis(double seconds) {
    return String.format("%.0f ms", seconds * 1000);
  }
}
