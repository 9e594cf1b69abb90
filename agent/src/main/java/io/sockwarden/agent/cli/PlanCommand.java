package io.sockwarden.agent.cli;

import io.sockwarden.agent.ExitCodes;
import io.sockwarden.agent.scan.ChangePlanner;
import io.sockwarden.model.Finding;
import java.io.PrintWriter;
import java.time.Clock;
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
    description = {
      "Show exactly what `apply` would change: each setting's live value and persistent",
      "configuration before and after, and which file sets it at boot. Changes nothing."
    })
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;
  @Mixin ConfigOptions config;
  @Mixin ChangeOptions changes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ScanSetup setup = ScanSetup.run(paths, config, Clock.systemUTC(), spec.commandLine().getErr());
    ChangePlanner.Plan plan =
        ChangePlanner.plan(
            setup.scan(),
            setup.session().remediation(),
            changes.only(),
            setup.ruleIds(),
            changes.mode());
    render(plan).forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }

  static List<String> render(ChangePlanner.Plan plan) {
    List<String> lines = new ArrayList<>();
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
            : plan.prepared().writes().size() + " writes; `sockwarden apply` makes them.");
    return lines;
  }
}
