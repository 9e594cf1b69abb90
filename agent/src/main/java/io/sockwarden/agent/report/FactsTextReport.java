package io.sockwarden.agent.report;

import io.sockwarden.agent.core.Scan;
import io.sockwarden.model.BootValue;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.Evidential;
import io.sockwarden.model.FactGap;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.LinuxFacts;
import io.sockwarden.model.NetCounter;
import io.sockwarden.model.ProcessFiles;
import io.sockwarden.model.SockStat;
import io.sockwarden.model.Sysctl;
import io.sockwarden.model.SysctlAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The human-readable listing of collected facts, section by section, each with its source. */
public final class FactsTextReport {
  private FactsTextReport() {}

  public static String render(Scan scan, TextStyle style) {
    HostFacts f = scan.facts();
    HostInfo h = f.host();
    List<String> out = new ArrayList<>();
    out.add(style.bold("Host"));
    out.add("    hostname            " + h.hostname());
    out.add("    os                  " + h.os() + " " + h.kernelRelease());
    out.add("    network namespace   " + h.networkNamespace());
    out.add("    settings writable   " + (h.settingsWritable() ? "yes" : "no"));
    out.add("    collected at        " + scan.at());

    LinuxFacts linux =
        f.platform() instanceof LinuxFacts l
            ? l
            : new LinuxFacts(List.of(), List.of(), List.of(), Optional.empty());
    out.add("");
    out.add(style.bold("Kernel parameters (live)"));
    int w = linux.sysctls().stream().mapToInt(s -> s.key().length()).max().orElse(20) + 2;
    for (Sysctl s : linux.sysctls()) {
      out.add(
          "    "
              + pad(s.key(), w)
              + pad(s.value().isEmpty() ? "(empty)" : s.value(), 24)
              + s.source());
    }

    List<Evidential> derived = new ArrayList<>();
    f.ephemeralRange().ifPresent(derived::add);
    linux.fileHandles().ifPresent(derived::add);
    if (!derived.isEmpty()) {
      out.add("");
      out.add(style.bold("Derived"));
      for (Evidential e : derived) {
        out.add("    " + pad(e.evidence().label(), w) + e.evidence().value());
      }
    }

    out.add("");
    out.add(style.bold("Counters"));
    for (NetCounter c : f.counters()) {
      out.add(
          "    "
              + pad(c.name(), w)
              + pad(Long.toString(c.value()), 14)
              + "+"
              + c.increase()
              + " "
              + c.window());
    }

    out.add("");
    out.add(style.bold("Sockets"));
    for (SockStat s : linux.sockStats()) {
      if (s.protocol().startsWith("TCP") || s.protocol().equals("sockets")) {
        out.add(
            "    " + pad(s.protocol(), 10) + new TreeMap<>(s.fields()) + "  (" + s.source() + ")");
      }
    }

    List<String> census = new CensusView(f).lines(50);
    if (!census.isEmpty()) {
      out.add("");
      out.add(style.bold("Socket census"));
      out.addAll(census);
    }
    List<ProcessFiles> processes = f.processes();
    if (!processes.isEmpty()) {
      out.add("");
      out.add(
          style.bold(
              "Processes with listeners, many sockets or near their limit"
                  + " (open files / soft / hard limit)"));
      for (ProcessFiles p : processes) {
        out.add(
            String.format(
                "    %-8d %-16s %8d / %-10s %-10s %d sockets%s",
                p.pid(),
                p.command(),
                p.openFds(),
                p.softLimit() < 0 ? "unlimited" : Long.toString(p.softLimit()),
                p.hardLimit() < 0 ? "unlimited" : Long.toString(p.hardLimit()),
                p.sockets(),
                p.listens() ? ", listens" : ""));
      }
    }

    out.add("");
    out.add(style.bold("Boot configuration (sysctl.d precedence)"));
    if (linux.bootValues().isEmpty()) {
      out.add("    no key is set in any sysctl configuration file");
    }
    for (BootValue b : linux.bootValues()) {
      out.add("    " + pad(b.key(), w) + pad(b.value(), 24) + b.winner().location());
      for (SysctlAssignment a : b.assignments()) {
        if (a != b.winner()) {
          out.add(
              "    " + pad("", w) + pad("(" + a.value() + ")", 24) + a.location() + ", overridden");
        }
      }
    }

    if (!f.gaps().isEmpty()) {
      out.add("");
      out.add(style.bold("Not collected (rules that need these are not evaluated)"));
      for (FactGap g : f.gaps()) {
        out.add("    " + g.describe());
      }
    }

    List<CollectionProblem> problems = f.problems();
    if (!problems.isEmpty()) {
      out.add("");
      out.add(style.bold("Could not read"));
      for (CollectionProblem p : problems) {
        out.add("    " + p.source() + ": " + p.message());
      }
    }
    return String.join("\n", out) + "\n";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : Columns.left(s, width);
  }
}
