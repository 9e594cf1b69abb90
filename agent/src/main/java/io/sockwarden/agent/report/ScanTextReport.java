package io.sockwarden.agent.report;

import io.sockwarden.agent.core.Scan;
import io.sockwarden.model.Change;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.Evidence;
import io.sockwarden.model.FactGap;
import io.sockwarden.model.Finding;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.Severity;
import io.sockwarden.model.UnevaluatedRule;
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
      out.add(Columns.left("SEVERITY", 8) + "  " + Columns.left("RULE", idWidth) + "FINDING");
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
    List<UnevaluatedRule> incomplete = scan.incompleteRules();
    if (!incomplete.isEmpty()) {
      out.add("");
      out.add(style.bold("Not evaluated (" + incomplete.size() + "): these rules gave no verdict"));
      for (UnevaluatedRule u : incomplete) {
        out.add("    " + u.ruleId() + " (" + u.ruleName() + ", " + u.origin() + "): " + u.reason());
      }
    }
    List<UnevaluatedRule> notApplicable =
        scan.unevaluated().stream().filter(u -> !u.cause().incomplete()).toList();
    if (!notApplicable.isEmpty()) {
      out.add("");
      out.add("Not applicable on this host (" + notApplicable.size() + "):");
      for (UnevaluatedRule u : notApplicable) {
        out.add("    " + u.ruleId() + " (" + u.ruleName() + "): " + u.reason());
      }
    }
    List<FactGap> gaps = scan.facts().gaps();
    if (!gaps.isEmpty()) {
      out.add("");
      out.add("Not collected (" + gaps.size() + "):");
      for (FactGap g : gaps) {
        out.add("    " + g.describe());
      }
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
    out.add("Counter increases are " + scan.counterWindow() + ".");
    long failing = scan.countAtLeast(failOn);
    int notEvaluated = incomplete.size();
    String unjudged =
        notEvaluated + (notEvaluated == 1 ? " rule was" : " rules were") + " not evaluated";
    out.add(
        switch (scan.verdict(failOn)) {
          case COMPLIANT -> "Verdict: compliant (no finding at or above " + failOn.label() + ")";
          case FINDINGS ->
              "Verdict: "
                  + failing
                  + (failing == 1 ? " finding" : " findings")
                  + " at or above "
                  + failOn.label()
                  + (notEvaluated > 0 ? "; also incomplete: " + unjudged : "");
          case INCOMPLETE ->
              "Verdict: incomplete: no finding at or above "
                  + failOn.label()
                  + ", but "
                  + unjudged
                  + " (see above); this host is not known to be compliant";
        });
    if (findings.stream().anyMatch(f -> !f.changes().isEmpty())) {
      out.add("Proposed changes are applied only on request: see `sockwarden plan`.");
    }
    return String.join("\n", out) + "\n";
  }

  private static String pad(String s, int width) {
    return Columns.left(s, width);
  }
}
