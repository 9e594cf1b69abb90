package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.core.RemediationService;
import io.sockwarden.agent.journal.JournalEntry;
import io.sockwarden.agent.journal.Transactions;
import io.sockwarden.model.NetworkNamespace;
import java.io.IOException;
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
          + " value was changed by someone else since (drift) unless --force. A transaction"
          + " made with --namespace is rolled back inside its namespace, found again by its"
          + " inode; when that namespace is gone, so are its values, and the rollback is"
          + " refused. Needs root."
    })
public final class RollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;
  @Mixin ConfigOptions config;
  @Mixin NamespaceOption namespace;

  @Parameters(
      paramLabel = "TX_ID",
      arity = "0..1",
      description = "The transaction (`sockwarden history` lists them).")
  String id;

  @Option(
      names = "--last",
      description =
          "Roll back the newest transaction still in effect in the agent's own network namespace,"
              + " or in the one --namespace names.")
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
    RemediationService remediation =
        new RemediationService(session, configuration(session), Set.of());
    Optional<NetworkNamespace> ns = namespace.resolve(session);
    if (ns.isPresent()) {
      remediation = remediation.in(ns.get());
      requireIn(session, remediation.scope(), ns.get());
    }
    Transactions.Outcome outcome = remediation.rollback(Optional.ofNullable(id), force);
    PrintWriter to = outcome.done() ? out : err;
    outcome.messages().forEach(to::println);
    to.flush();
    return ExitCodes.of(outcome.result());
  }

  /** With an id and --namespace, the transaction must be one of that namespace. */
  private void requireIn(HostSession session, String scope, NetworkNamespace ns) {
    if (id == null) {
      return;
    }
    Optional<JournalEntry> entry;
    try {
      entry = session.journal().find(id);
    } catch (IOException e) {
      throw new AgentException(Failure.OPERATIONAL, "cannot read the journal: " + e.getMessage());
    }
    entry
        .filter(e -> !e.inScope(scope))
        .ifPresent(
            e -> {
              throw new AgentException(
                  Failure.INVALID,
                  "transaction "
                      + id
                      + " changed network namespace "
                      + e.scope()
                      + Optional.ofNullable(e.namespace()).map(n -> " (" + n + ")").orElse("")
                      + ", not "
                      + ns.describe()
                      + "; leave out --namespace to roll it back where it was made");
            });
  }

  private AgentConfig configuration(HostSession session) {
    return config.load(session.conventions());
  }
}
