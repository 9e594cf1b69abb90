package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.core.RemediationService;
import io.sockwarden.agent.journal.Transactions;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;
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
    header = "Restore exactly what a transaction changed; refuses over drift unless --force.",
    description = {
      "Restore exactly what a transaction changed: live values their previous values, files"
          + " their previous bytes, a file the transaction created is removed. Refuses when a"
          + " value was changed by someone else since (drift) unless --force, and when the"
          + " transaction changed another network namespace's settings. Needs root."
    })
public final class RollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;
  @Mixin ConfigOptions config;

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
      throw new AgentException(Failure.INVALID, "name a transaction id or --last (not both)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HostSession session = Front.host(paths, err);
    Transactions.Outcome outcome =
        new RemediationService(session, configuration(session), Set.of())
            .rollback(Optional.ofNullable(id), force);
    PrintWriter to = outcome.done() ? out : err;
    outcome.messages().forEach(to::println);
    to.flush();
    return ExitCodes.of(outcome.result());
  }

  private AgentConfig configuration(HostSession session) {
    return config.load(session.conventions());
  }
}
