package io.sockwarden.agent.report;

import io.sockwarden.agent.core.NamespaceScan;
import io.sockwarden.agent.core.NamespacesScan;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.Finding;
import io.sockwarden.model.NetworkNamespace;
import io.sockwarden.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The human-readable report of a scan of several network namespaces: one table of every finding
 * with its namespace, then each namespace's own report ({@link ScanTextReport}) under a heading
 * that names it, then the namespaces that could not be scanned and the overall verdict.
 */
public final class NamespacesTextReport {
  private NamespacesTextReport() {}

  public static String render(NamespacesScan scans, Severity failOn, TextStyle style) {
    List<String> out = new ArrayList<>();
    out.add(
        style.bold("Sockwarden scan of " + scans.namespaces().size() + " network namespaces")
            + " at "
            + scans.at());
    out.add("");
    List<String[]> rows = new ArrayList<>();
    for (NamespaceScan part : scans.namespaces()) {
      for (Scan s : part.scan().stream().toList()) {
        for (Finding f : s.findings()) {
          rows.add(
              new String[] {part.namespace().label(), f.ruleId(), f.title(), f.severity().name()});
        }
      }
    }
    if (rows.isEmpty()) {
      out.add("No findings in any namespace.");
    } else {
      int nsWidth = Math.max(9, rows.stream().mapToInt(r -> r[0].length()).max().orElse(9)) + 2;
      int idWidth = rows.stream().mapToInt(r -> r[1].length()).max().orElse(10) + 2;
      out.add(
          String.format(
              "%-" + nsWidth + "s%-8s  %-" + idWidth + "s%s",
              "NAMESPACE",
              "SEVERITY",
              "RULE",
              "FINDING"));
      for (String[] r : rows) {
        out.add(
            String.format("%-" + nsWidth + "s", r[0])
                + style.severity(Severity.valueOf(r[3]))
                + "  "
                + String.format("%-" + idWidth + "s", r[1])
                + r[2]);
      }
    }
    for (NamespaceScan part : scans.namespaces()) {
      NetworkNamespace ns = part.namespace();
      out.add("");
      out.add(style.bold("=== Network namespace " + heading(ns) + " ==="));
      if (part.scan().isPresent()) {
        out.add(ScanTextReport.render(part.scan().get(), failOn, style).stripTrailing());
      } else {
        for (CollectionProblem p : part.missing().stream().toList()) {
          out.add("Not scanned: " + p.message());
        }
      }
    }
    out.add("");
    List<NamespaceScan> missing = scans.missing();
    out.add(
        "Namespaces: "
            + (scans.namespaces().size() - missing.size())
            + " scanned"
            + (missing.isEmpty()
                ? ""
                : ", " + missing.size() + " not scanned (gone or not entered)")
            + (scans.unmatched().isEmpty()
                ? ""
                : "; no namespace matched " + String.join(", ", scans.unmatched())));
    long failing = scans.countAtLeast(failOn);
    out.add(
        switch (scans.verdict(failOn)) {
          case COMPLIANT ->
              "Overall verdict: compliant (no finding at or above "
                  + failOn.label()
                  + " in any namespace)";
          case FINDINGS ->
              "Overall verdict: "
                  + failing
                  + (failing == 1 ? " finding" : " findings")
                  + " at or above "
                  + failOn.label();
          case INCOMPLETE ->
              "Overall verdict: incomplete: no finding at or above "
                  + failOn.label()
                  + ", but some rules were not evaluated (see each namespace)";
        });
    return String.join("\n", out) + "\n";
  }

  /** {@code label (net:[inode], kind, pid N)}. */
  static String heading(NetworkNamespace ns) {
    return ns.label()
        + " ("
        + ns.link()
        + ", "
        + ns.kind().label()
        + ns.firstPid().map(p -> ", pid " + p).orElse("")
        + ns.containerId().map(c -> ", container " + c).orElse("")
        + ")";
  }
}
