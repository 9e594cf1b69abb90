package io.sockwarden.agent.cli;

import io.sockwarden.agent.core.FactCollector;
import io.sockwarden.agent.core.RemediationService;
import io.sockwarden.agent.core.ScanService;
import io.sockwarden.model.Finding;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sockwarden plan}: exactly what {@code apply} would change. Changes nothing. */
@Command(
    name = "plan",
    header = "Show exactly what `apply` would change, before and after; changes nothing.",
    description = {
      "Show exactly what `apply` would change: each setting's live value and persistent"
          + " configuration before and after, and which file sets it at boot. Changes nothing,"
          + " needs no privileges (except with --namespace, which enters another network"
          + " namespace), and leaves the counter baseline where it is."
    })
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;
  @Mixin ConfigOptions config;
  @Mixin ChangeOptions changes;
  @Mixin NamespaceOption namespace;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ScanService scans = Front.scans(paths, config, spec.commandLine().getErr());
    RemediationService.Plan plan =
        Front.planIn(scans, namespace, changes, FactCollector.CounterMode.COMPARE).plan();
    render(plan).forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }

  static List<String> render(RemediationService.Plan plan) {
    List<String> lines = new ArrayList<>();
    plan.namespace().ifPresent(ns -> lines.add("In network namespace " + ns.describe() + ":"));
    if (plan.findings().isEmpty()) {
      lines.add("No finding proposes a change.");
      return lines;
    }
    lines.add("Changes proposed by:");
    for (Finding f : plan.findings()) {
      lines.add("    " + f.ruleId() + ": " + f.title());
    }
    lines.add("");
    lines.addAll(plan.prepared().lines());
    for (String w : plan.prepared().warnings()) {
      lines.add("note: " + w);
    }
    lines.add("");
    lines.add(
        plan.prepared().nothingToDo()
            ? "Nothing to change: every setting already has the planned value."
            : plan.prepared().writes().size()
                + " writes; `sockwarden apply"
                + plan.namespace().map(ns -> " --namespace " + shellWord(ns.label())).orElse("")
                + "` makes them.");
    return lines;
  }

  /** {@code word}, quoted for a shell when it has characters a shell would interpret. */
  static String shellWord(String word) {
    return word.matches("[A-Za-z0-9_.:/@%+=,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
