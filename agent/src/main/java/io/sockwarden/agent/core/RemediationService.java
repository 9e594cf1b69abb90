package io.sockwarden.agent.core;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.journal.JournalEntry;
import io.sockwarden.agent.journal.StateLock;
import io.sockwarden.agent.journal.Transactions;
import io.sockwarden.model.ApplyMode;
import io.sockwarden.model.Change;
import io.sockwarden.model.ChangeRejectedException;
import io.sockwarden.model.Finding;
import io.sockwarden.model.NetworkNamespace;
import io.sockwarden.model.PreparedChanges;
import io.sockwarden.model.Remediation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans, applies and rolls back changes on one host, as journalled transactions: the one place
 * every front end (the commands, the service's automatic remediation) goes through to change the
 * host. Errors are typed ({@link AgentException} with a {@link Failure}; a transaction's {@link
 * Transactions.Outcome}); front ends decide what they mean to them.
 */
public final class RemediationService {
  private final HostSession session;
  private final AgentConfig config;
  private final Set<String> ruleIds;
  private final Remediation target;
  private final Optional<NetworkNamespace> namespace;

  /**
   * Changes the agent's own network namespace (and its persistent configuration).
   *
   * @param ruleIds every rule id in the catalogue, to reject a misspelt {@code only}
   */
  public RemediationService(HostSession session, AgentConfig config, Set<String> ruleIds) {
    this(session, config, ruleIds, session.remediation(), Optional.empty());
  }

  private RemediationService(
      HostSession session,
      AgentConfig config,
      Set<String> ruleIds,
      Remediation target,
      Optional<NetworkNamespace> namespace) {
    this.session = session;
    this.config = config;
    this.ruleIds = Set.copyOf(ruleIds);
    this.target = target;
    this.namespace = namespace;
  }

  /**
   * The same service, changing the live values inside {@code namespace} instead: plans are prepared
   * there, transactions applied there and journalled with it, and {@code rollback} without an id
   * takes the newest transaction there.
   *
   * @throws AgentException (operational) when the platform cannot change that namespace
   */
  public RemediationService in(NetworkNamespace namespace) {
    return new RemediationService(
        session,
        config,
        ruleIds,
        session.remediation(namespace),
        Optional.of(namespace).filter(ns -> ns.kind() != NetworkNamespace.Kind.HOST));
  }

  /** Where live values are changed: {@code net:[INODE]} on Linux. */
  public String scope() {
    return target.scope();
  }

  /**
   * The findings with changes, and the platform's preparation of those changes.
   *
   * @param findings the findings whose changes were selected
   * @param prepared what the platform will write
   * @param namespace the network namespace it changes, when not the agent's own
   */
  public record Plan(
      List<Finding> findings, PreparedChanges prepared, Optional<NetworkNamespace> namespace) {}

  /**
   * The changes {@code scan}'s findings propose (all, or those of the rules in {@code only}),
   * validated and prepared. Changes nothing.
   *
   * @throws AgentException invalid for an unknown rule id or a change that must not be applied;
   *     operational when the host cannot be changed here; not privileged
   */
  public Plan plan(Scan scan, Set<String> only, ApplyMode mode) {
    Set<String> unknown = new TreeSet<>(only);
    unknown.removeAll(ruleIds);
    if (!unknown.isEmpty()) {
      throw new AgentException(
          Failure.INVALID, "unknown rule ids " + unknown + "; `sockwarden rules list` shows them");
    }
    List<Finding> selected = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (Finding f : scan.findings()) {
      if (!f.changes().isEmpty() && (only.isEmpty() || only.contains(f.ruleId()))) {
        selected.add(f);
        changes.addAll(f.changes());
      }
    }
    try {
      return new Plan(selected, target.prepare(changes, scan.facts(), mode), namespace);
    } catch (ChangeRejectedException e) {
      Failure failure =
          switch (e.reason()) {
            case INVALID -> Failure.INVALID;
            case NOT_WRITABLE -> Failure.OPERATIONAL;
            case PRIVILEGE -> Failure.NOT_PRIVILEGED;
          };
      throw new AgentException(
          failure,
          "the changes cannot be applied; nothing was changed:\n  "
              + String.join("\n  ", e.problems()));
    }
  }

  /** Refuses early (before asking for confirmation) when this process may not change the host. */
  public void requirePrivileged() {
    session.requirePrivileged();
  }

  /** Applies a plan as one transaction, under the state lock. */
  public Transactions.Outcome apply(Plan plan) {
    return apply(plan, HostSession.user());
  }

  /** Applies a plan as one transaction, under the state lock, recorded as made by {@code actor}. */
  public Transactions.Outcome apply(Plan plan, String actor) {
    try (StateLock lock = session.lockForChange("apply")) {
      Transactions.Outcome outcome = session.transactions(actor, target).apply(plan.prepared());
      return withPruning(outcome);
    }
  }

  /**
   * Rolls back transaction {@code id} (inside the network namespace it changed), or the newest one
   * still in effect in this service's namespace.
   *
   * @throws AgentException invalid for an unknown id; operational on drift without {@code force},
   *     or when the transaction's namespace cannot be entered (it is gone)
   */
  public Transactions.Outcome rollback(Optional<String> id, boolean force) {
    try (StateLock lock = session.lockForChange("rollback")) {
      return withPruning(session.transactions(HostSession.user(), target).rollback(id, force));
    }
  }

  /** Every transaction in the journal, oldest first. */
  public List<JournalEntry> history() {
    try {
      return session.journal().entries();
    } catch (IOException e) {
      throw new AgentException(Failure.OPERATIONAL, "cannot read the journal: " + e.getMessage());
    }
  }

  /** Prunes the journal after a transaction; a failure to prune is reported, never fatal. */
  private Transactions.Outcome withPruning(Transactions.Outcome outcome) {
    if (outcome.entry().isEmpty()) {
      return outcome;
    }
    List<String> messages = new ArrayList<>(outcome.messages());
    try {
      List<String> removed =
          session
              .journal()
              .prune(config.journalKeep(), config.journalMaxAge(), session.clock().instant());
      if (!removed.isEmpty()) {
        messages.add(
            "Pruned "
                + removed.size()
                + " old journal entries (retention: "
                + config.journalKeep()
                + " entries, "
                + config.journalMaxAge().toDays()
                + " days; transactions in effect are kept).");
      }
    } catch (IOException e) {
      messages.add("warning: could not prune the journal: " + e.getMessage());
    }
    return new Transactions.Outcome(outcome.result(), outcome.entry(), messages);
  }
}
