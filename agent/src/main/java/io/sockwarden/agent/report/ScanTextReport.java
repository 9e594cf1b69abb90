package io.sockwarden.agent.report;

import io.sockwarden.agent.scan.Scan;
import io.sockwarden.model.Change;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.Evidence;
import io.sockwarden.model.Finding;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** The human-readable scan report: a summary table, then each finding in detail. */
public final class ScanTextReport {
  private ScanTextReport() {}

  public static String render(Scan scan, Severity failOn, TextStyle style) {
    List<String> out = new ArrayList<>();
    HostInfo h = scan.facts().host();
    out.add(
        style.bold("Sockwarden scan of " + h.hostname())
            + " ("
            + h.os()
            + " "
            + h.kernelRelease()
            + ", network namespace "
            + h.networkNamespace()
            + ") at "
            + scan.at());
    out.add("");
    List<Finding> findings = scan.findings();
    if (findings.isEmpty()) {
      out.add("No findings.");
    } else {
      int idWidth = findings.stream().mapToInt(f -> f.ruleId().length()).max().orElse(10) + 2;
      out.add(String.format("%-8s  %-" + idWidth + "s%s", "SEVERITY", "RULE", "FINDING"));
      for (Finding f : findings) {
        out.add(style.severity(f.severity()) + "  " + pad(f.ruleId(), idWidth) + f.title());
      }
      for (Finding f : findings) {
        out.add("");
        out.add(
            style.severity(f.severity()).strip() + " " + style.bold(f.ruleId()) + ": " + f.title());
        out.addAll(TextStyle.wrap(f.explanation(), "    "));
        for (Evidence e : f.evidence()) {
          out.add("    evidence: " + e.label() + " = " + e.value() + "  (" + e.source() + ")");
        }
        for (Change c : f.changes()) {
          out.add("    proposed: " + c.describe());
        }
      }
    }
    List<String> census = new CensusView(scan.facts()).lines(5);
    if (!census.isEmpty()) {
      out.add("");
      out.addAll(census);
    }
    List<CollectionProblem> problems = scan.facts().problems();
    if (!problems.isEmpty()) {
      out.add("");
      out.add("Could not read (" + problems.size() + "); the scan used everything else:");
      for (CollectionProblem p : problems) {
        out.add("    " + p.source() + ": " + p.message());
      }
    }
    out.add("");
    long failing = scan.countAtLeast(failOn);
    out.add(
        failing == 0
            ? "Verdict: compliant (no finding at or above " + failOn.label() + ")"
            : "Verdict: "
                + failing
                + (failing == 1 ? " finding" : " findings")
                + " at or above "
                + failOn.label());
    if (findings.stream().anyMatch(f -> !f.changes().isEmpty())) {
      out.add("Proposed changes are applied only on request: see `sockwarden plan`.");
    }
    return String.join("\n", out) + "\n";
  }

  private static String pad(String s, int width) {
    return String.format("%-" + width + "s", s);
  }
}
