package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.core.FactCollector;
import io.sockwarden.agent.core.RemediationService;
import io.sockwarden.agent.core.ScanService;
import io.sockwarden.agent.journal.Transactions;
import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sockwarden apply}: make the planned changes as one journalled transaction. */
@Command(
    name = "apply",
    header = "Apply the planned changes as one journalled transaction that rollback undoes.",
    description = {
      "Apply the planned changes as one transaction: the original values are journalled (and"
          + " fsynced) first, then the live values and the agent's sysctl file are written, then"
          + " both are read back. On any failure everything is restored (exit 4, or 5 when"
          + " something could not be). `sockwarden rollback` undoes it. Needs root."
    })
public final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;
  @Mixin ConfigOptions config;
  @Mixin ChangeOptions changes;
  @Mixin NamespaceOption namespace;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation (required when not on a terminal).")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ScanService scans = Front.scans(paths, config, err);
    Front.remediation(scans).requirePrivileged();
    Front.Planned planned =
        Front.planIn(scans, namespace, changes, FactCollector.CounterMode.COMPARE);
    RemediationService remediation = planned.remediation();
    RemediationService.Plan plan = planned.plan();
    PlanCommand.render(plan).forEach(out::println);
    out.flush();
    if (plan.prepared().nothingToDo()) {
      return ExitCodes.OK;
    }
    if (!confirmed(plan.prepared().writes().size(), out)) {
      return ExitCodes.OK;
    }
    Transactions.Outcome outcome = remediation.apply(plan);
    PrintWriter to = outcome.done() ? out : err;
    outcome.messages().forEach(to::println);
    outcome
        .entry()
        .filter(e -> outcome.done())
        .ifPresent(e -> to.println("Undo with: sockwarden rollback " + e.id()));
    to.flush();
    return ExitCodes.of(outcome.result());
  }

  private boolean confirmed(int writes, PrintWriter out) {
    if (yes) {
      return true;
    }
    Console console = System.console();
    if (console == null) {
      throw new AgentException(
          Failure.INVALID, "not on a terminal: pass --yes to apply without confirmation");
    }
    String answer = console.readLine("Apply these %d writes? [y/N] ", writes);
    if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
      out.println("Nothing changed.");
      out.flush();
      return false;
    }
    return true;
  }
}
