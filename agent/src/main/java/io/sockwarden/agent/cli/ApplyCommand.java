package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.ExitCodes;
import io.sockwarden.agent.journal.StateLock;
import io.sockwarden.agent.journal.Transactions;
import io.sockwarden.agent.scan.ChangePlanner;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sockwarden apply}: make the planned changes as one journalled transaction. */
@Command(
    name = "apply",
    description = {
      "Apply the planned changes as one transaction: the original values are journalled (and",
      "fsynced) first, then the live values and the agent's sysctl file are written, then both",
      "are read back. On any failure everything is restored. `sockwarden rollback` undoes it."
    })
public final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;
  @Mixin ConfigOptions config;
  @Mixin ChangeOptions changes;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation (required when not on a terminal).")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ScanSetup setup = ScanSetup.run(paths, config, Clock.systemUTC(), err);
    HostSession session = setup.session();
    try (StateLock lock = session.lockForChange("apply")) {
      ChangePlanner.Plan plan =
          ChangePlanner.plan(
              setup.scan(), session.remediation(), changes.only(), setup.ruleIds(), changes.mode());
      PlanCommand.render(plan).forEach(out::println);
      out.flush();
      if (plan.prepared().nothingToDo()) {
        return ExitCodes.OK;
      }
      confirm(plan.prepared().writes().size());
      Transactions.Outcome outcome = session.transactions().apply(plan.prepared());
      PrintWriter to = outcome.exitCode() == ExitCodes.OK ? out : err;
      outcome.messages().forEach(to::println);
      outcome
          .entry()
          .filter(e -> outcome.exitCode() == ExitCodes.OK)
          .ifPresent(e -> to.println("Undo with: sockwarden rollback " + e.id()));
      to.flush();
      return outcome.exitCode();
    }
  }

  private void confirm(int writes) {
    if (yes) {
      return;
    }
    Console console = System.console();
    if (console == null) {
      throw new AgentException(
          ExitCodes.USAGE, "not on a terminal: pass --yes to apply without confirmation");
    }
    String answer = console.readLine("Apply these %d writes? [y/N] ", writes);
    if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
      throw new AgentException(ExitCodes.OK, "nothing changed.");
    }
  }
}
