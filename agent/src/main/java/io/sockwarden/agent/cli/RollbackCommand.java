package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.ExitCodes;
import io.sockwarden.agent.journal.StateLock;
import io.sockwarden.agent.journal.Transactions;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockwarden rollback [TX_ID|--last]}: restore exactly what a transaction changed. */
@Command(
    name = "rollback",
    description = {
      "Restore exactly what a transaction changed: live values their previous values, files",
      "their previous bytes, a file the transaction created is removed. Refuses when a value",
      "was changed by someone else since (drift) unless --force."
    })
public final class RollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;

  @Parameters(
      paramLabel = "TX_ID",
      arity = "0..1",
      description = "The transaction (`sockwarden history` lists them).")
  String id;

  @Option(names = "--last", description = "Roll back the newest transaction still in effect.")
  boolean last;

  @Option(names = "--force", description = "Roll back even over values changed since (drift).")
  boolean force;

  @Override
  public Integer call() {
    if ((id == null) == !last) {
      throw new AgentException(ExitCodes.USAGE, "name a transaction id or --last (not both)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HostSession session = HostSession.open(paths.context(), err);
    try (StateLock lock = session.lockForChange("rollback")) {
      Transactions.Outcome outcome =
          session.transactions().rollback(Optional.ofNullable(id), force);
      PrintWriter to = outcome.exitCode() == ExitCodes.OK ? out : err;
      outcome.messages().forEach(to::println);
      to.flush();
      return outcome.exitCode();
    }
  }
}
