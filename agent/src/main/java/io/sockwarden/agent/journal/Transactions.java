package io.sockwarden.agent.journal;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.model.Change;
import io.sockwarden.model.PreparedChanges;
import io.sockwarden.model.Remediation;
import io.sockwarden.model.Resource;
import io.sockwarden.model.ResourceWrite;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies, rolls back and recovers transactions: journal first (fsynced), then write, then verify
 * by reading back; on any failure restore every original from the journal. The caller holds the
 * {@link StateLock}.
 *
 * <p>A rollback is itself a transaction whose originals are the values it replaces, so that a crash
 * during a rollback is recovered like any other. Order of the final marks: the rollback is marked
 * applied before the transaction it undoes is marked rolled back; {@link #recover()} completes the
 * second mark if the process died in between.
 *
 * <p>Live values belong to a scope (a network namespace on Linux). A transaction is applied in the
 * scope of the remediation given here; rolling back or recovering one made in another scope goes
 * through {@link Scopes} to a remediation that writes there (entering the namespace), and is
 * refused when that scope cannot be reached (the namespace is gone, or the platform has none).
 */
public final class Transactions {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Journal journal;
  private final Remediation remediation;
  private final Clock clock;
  private final Checkpoints checkpoints;
  private final String user;
  private final String scope;
  private final Scopes scopes;

  /** Reaches the other scopes a journal names. */
  @FunctionalInterface
  public interface Scopes {
    /**
     * The remediation that writes live values in {@code scope} ({@code net:[INODE]}).
     *
     * @return empty, with nothing done, when that scope cannot be reached from here
     * @throws AgentException when it exists but cannot be reached (the reason is the message)
     */
    Optional<Remediation> in(String scope);

    /** No other scope is reachable. */
    Scopes NONE = s -> Optional.empty();
  }

  /** Transactions in {@code remediation}'s scope only. */
  public Transactions(
      Journal journal, Remediation remediation, Clock clock, Checkpoints checkpoints, String user) {
    this(journal, remediation, clock, checkpoints, user, Scopes.NONE);
  }

  /**
   * @param remediation where new transactions are applied, and what {@code rollback} without an id
   *     looks at
   * @param scopes the way to other scopes, for rollback and recovery of their transactions
   */
  public Transactions(
      Journal journal,
      Remediation remediation,
      Clock clock,
      Checkpoints checkpoints,
      String user,
      Scopes scopes) {
    this.journal = journal;
    this.remediation = remediation;
    this.clock = clock;
    this.checkpoints = checkpoints;
    this.user = user;
    this.scope = remediation.scope();
    this.scopes = scopes;
  }

  /** How a transaction ended. */
  public enum Result {
    /** Done and verified, or nothing to do. */
    DONE,
    /** It failed, and every original value was restored. */
    RESTORED,
    /** It failed, and some original values could not be restored (the messages list them). */
    NOT_RESTORED
  }

  /**
   * What a transaction did.
   *
   * @param result how it ended
   * @param entry the journal entry, empty when there was nothing to do
   * @param messages for the administrator, in order
   */
  public record Outcome(Result result, Optional<JournalEntry> entry, List<String> messages) {
    public boolean done() {
      return result == Result.DONE;
    }
  }

  /** Applies prepared changes as one transaction. */
  public Outcome apply(PreparedChanges prepared) {
    if (prepared.nothingToDo()) {
      return new Outcome(
          Result.DONE,
          Optional.empty(),
          List.of("Nothing to change: every setting already has the planned value."));
    }
    List<JournalEntry.Item> items = new ArrayList<>();
    for (ResourceWrite w : prepared.writes()) {
      items.add(item(w.resource(), read(w.resource()), w.target()));
    }
    List<String> changes = prepared.changes().stream().map(Change::describe).toList();
    return run(newEntry(remediation, "apply", null, changes, items), prepared, remediation);
  }

  /**
   * Rolls back a transaction: {@code id}, or when empty the newest apply still in effect in this
   * scope. A transaction of another scope is rolled back there, through {@link Scopes}.
   *
   * @throws AgentException exit 2 for an unknown id, exit 1 on drift without {@code force} or when
   *     the transaction's scope cannot be reached
   */
  public Outcome rollback(Optional<String> id, boolean force) {
    JournalEntry subject = subject(id);
    if (subject.state() == TxState.ROLLED_BACK) {
      return new Outcome(
          Result.DONE,
          Optional.of(subject),
          List.of("Transaction " + subject.id() + " is already rolled back; nothing to do."));
    }
    if (subject.state() != TxState.APPLIED) {
      return new Outcome(
          Result.DONE,
          Optional.of(subject),
          List.of(
              "Transaction "
                  + subject.id()
                  + " is "
                  + subject.state().label()
                  + ": none of its changes is in effect; nothing to do."));
    }
    Reach reach = reach(subject);
    Remediation there =
        reach
            .remediation()
            .orElseThrow(
                () ->
                    new AgentException(
                        Failure.OPERATIONAL,
                        "refusing to roll back " + subject.id() + ": " + reach.why() + "."));
    List<JournalEntry.Item> items = new ArrayList<>();
    List<String> drift = laterChanges(subject);
    List<JournalEntry.Item> reversed = new ArrayList<>(subject.items());
    Collections.reverse(reversed);
    for (JournalEntry.Item it : reversed) {
      Resource r = there.resource(it.resource());
      Optional<byte[]> now = read(r);
      if (!r.matches(now, it.targetBytes())) {
        drift.add(
            r.describe()
                + " is now "
                + r.render(now)
                + "; transaction "
                + subject.id()
                + " set "
                + r.render(it.targetBytes()));
      }
      items.add(item(r, now, it.originalBytes()));
    }
    if (!drift.isEmpty() && !force) {
      throw new AgentException(
          Failure.OPERATIONAL,
          "refusing to roll back "
              + subject.id()
              + ": changed by someone else since (drift):\n  "
              + String.join("\n  ", drift)
              + "\nRolling back would overwrite those changes; use --force to do it anyway.");
    }
    List<String> changes = List.of("roll back " + subject.id());
    Outcome outcome = run(newEntry(there, "rollback", subject.id(), changes, items), null, there);
    if (outcome.done()) {
      markRolledBack(subject, outcome.entry().orElseThrow().id());
    }
    List<String> messages = new ArrayList<>(outcome.messages());
    if (!drift.isEmpty()) {
      messages.add(0, "Drift overwritten (--force): " + String.join("; ", drift));
    }
    return new Outcome(outcome.result(), outcome.entry(), messages);
  }

  /**
   * Resources of {@code subject} that a later transaction, still applied, wrote again: undoing
   * {@code subject} first would pull the ground from under it, even where the values happen to
   * match.
   */
  private List<String> laterChanges(JournalEntry subject) {
    List<String> lines = new ArrayList<>();
    List<String> ids = subject.items().stream().map(JournalEntry.Item::resource).toList();
    try {
      for (JournalEntry later : journal.entries()) {
        if (Journal.sequence(later.id()) <= Journal.sequence(subject.id())
            || later.state() != TxState.APPLIED
            || !later.operation().equals("apply")) {
          continue;
        }
        boolean sameScope = Objects.equals(later.scope(), subject.scope());
        for (JournalEntry.Item it : later.items()) {
          // The same live key in two namespaces is two settings; a file is one for all.
          if (ids.contains(it.resource()) && (sameScope || !scoped(it.resource()))) {
            lines.add(
                it.description()
                    + " was changed again by transaction "
                    + later.id()
                    + " (roll that back first)");
          }
        }
      }
    } catch (IOException e) {
      throw new AgentException(Failure.OPERATIONAL, "cannot read the journal: " + e.getMessage());
    }
    return lines;
  }

  private JournalEntry subject(Optional<String> id) {
    try {
      if (id.isPresent()) {
        return journal
            .find(id.get())
            .orElseThrow(
                () ->
                    new AgentException(
                        Failure.INVALID,
                        "no transaction " + id.get() + " in " + journal.directory()));
      }
      List<JournalEntry> everywhere =
          journal.entries().stream().filter(e -> e.operation().equals("apply")).toList();
      List<JournalEntry> applies = everywhere.stream().filter(e -> e.inScope(scope)).toList();
      if (applies.isEmpty()) {
        throw new AgentException(
            Failure.INVALID,
            "no transaction to roll back in "
                + journal.directory()
                + remediation.namespaceLabel().map(n -> " for network namespace " + n).orElse("")
                + (everywhere.isEmpty()
                    ? ""
                    : "; the other network namespaces' transactions ("
                        + String.join(", ", everywhere.stream().map(JournalEntry::id).toList())
                        + ") are rolled back by id or with --namespace"));
      }
      // The newest transaction still in effect here; when none is, the newest (to say so).
      List<JournalEntry> inEffect =
          applies.stream().filter(e -> e.state() == TxState.APPLIED).toList();
      List<JournalEntry> pick = inEffect.isEmpty() ? applies : inEffect;
      return pick.get(pick.size() - 1);
    } catch (IOException e) {
      throw new AgentException(Failure.OPERATIONAL, "cannot read the journal: " + e.getMessage());
    }
  }

  /**
   * Finishes what a dead process left: restores the originals of every transaction still in
   * progress, and completes a rollback's final mark.
   *
   * @return what was done, for the log
   */
  public List<String> recover() {
    List<String> messages = new ArrayList<>();
    try {
      for (JournalEntry e : journal.entries()) {
        if (e.state() == TxState.IN_PROGRESS) {
          Reach there;
          try {
            there = reach(e);
          } catch (AgentException unreachable) {
            there = Reach.refused(unreachable.getMessage());
          }
          if (there.remediation().isEmpty()) {
            messages.add(
                "Transaction "
                    + e.id()
                    + " ("
                    + e.operation()
                    + ") is unfinished but was not recovered: "
                    + there.why());
            continue;
          }
          List<String> failures = restore(e, there.remediation().get());
          TxState state =
              failures.isEmpty() ? TxState.INTERRUPTED_RESTORED : TxState.FAILED_INCOMPLETE;
          String line =
              failures.isEmpty()
                  ? "interrupted; restored "
                      + e.items().size()
                      + " original values at the next start"
                  : "interrupted; could not restore: " + String.join("; ", failures);
          journal.write(e.withState(state, line));
          messages.add("Transaction " + e.id() + " (" + e.operation() + ") was " + line + ".");
        }
      }
      for (JournalEntry e : journal.entries()) {
        if (e.operation().equals("rollback")
            && e.state() == TxState.APPLIED
            && e.rollsBack() != null) {
          Optional<JournalEntry> subject = journal.find(e.rollsBack());
          if (subject.isPresent() && subject.get().state() == TxState.APPLIED) {
            markRolledBack(subject.get(), e.id());
            messages.add("Transaction " + e.rollsBack() + " marked rolled back by " + e.id() + ".");
          }
        }
      }
    } catch (IOException e) {
      throw new AgentException(
          Failure.OPERATIONAL, "cannot recover from the journal: " + e.getMessage());
    }
    return messages;
  }

  private Outcome run(JournalEntry entry, PreparedChanges prepared, Remediation remediation) {
    try {
      journal.write(entry);
    } catch (IOException e) {
      throw new AgentException(
          Failure.OPERATIONAL,
          "cannot write the journal "
              + journal.directory()
              + " ("
              + e.getMessage()
              + "); nothing was changed");
    }
    checkpoints.reach("journaled");
    List<String> problems = new ArrayList<>();
    int n = 0;
    try {
      for (JournalEntry.Item it : entry.items()) {
        remediation.resource(it.resource()).write(it.targetBytes());
        checkpoints.reach("written-" + ++n);
      }
      checkpoints.reach("before-verify");
      for (JournalEntry.Item it : entry.items()) {
        Resource r = remediation.resource(it.resource());
        Optional<byte[]> actual = read(r);
        if (!r.matches(actual, it.targetBytes())) {
          problems.add(
              r.describe()
                  + " reads back as "
                  + r.render(actual)
                  + ", not "
                  + r.render(it.targetBytes()));
        }
      }
      if (prepared != null) {
        problems.addAll(remediation.verify(prepared));
      }
    } catch (IOException | RuntimeException e) {
      problems.add("write failed: " + e.getMessage());
    }
    if (problems.isEmpty()) {
      JournalEntry done = entry.withState(TxState.APPLIED, "written and verified");
      try {
        journal.write(done);
      } catch (IOException | RuntimeException e) {
        // Without the mark the next start would revert the change behind the administrator's
        // back; revert it now instead and say so.
        problems.add(
            "written and verified, but the journal could not record it ("
                + e.getMessage()
                + "), so the change is undone");
      }
    }
    if (problems.isEmpty()) {
      JournalEntry done = entry.withState(TxState.APPLIED, "written and verified");
      checkpoints.reach("marked");
      List<String> messages = new ArrayList<>();
      messages.add(
          "Transaction "
              + entry.id()
              + ": "
              + entry.items().size()
              + " settings written and verified.");
      return new Outcome(Result.DONE, Optional.of(done), messages);
    }
    List<String> failures = restore(entry, remediation);
    List<String> messages = new ArrayList<>(problems);
    JournalEntry end;
    Result code;
    if (failures.isEmpty()) {
      end =
          entry.withState(
              TxState.FAILED_RESTORED,
              "failed (" + String.join("; ", problems) + "); originals restored");
      messages.add("Transaction " + entry.id() + " failed; every original value was restored.");
      code = Result.RESTORED;
    } else {
      end =
          entry.withState(
              TxState.FAILED_INCOMPLETE, "failed; not restored: " + String.join("; ", failures));
      messages.add("Transaction " + entry.id() + " failed and these could NOT be restored:");
      failures.forEach(f -> messages.add("  " + f));
      code = Result.NOT_RESTORED;
    }
    try {
      journal.write(end);
    } catch (IOException e) {
      // The entry stays "in progress" on disk: the next start restores the originals again,
      // which changes nothing that is already restored.
      messages.add("The journal could not record the failure (" + e.getMessage() + ").");
    }
    return new Outcome(code, Optional.of(end), messages);
  }

  /**
   * Writes every original back through {@code remediation}, newest write first; returns what could
   * not be restored.
   */
  private List<String> restore(JournalEntry entry, Remediation remediation) {
    List<String> failures = new ArrayList<>();
    List<JournalEntry.Item> reversed = new ArrayList<>(entry.items());
    Collections.reverse(reversed);
    for (JournalEntry.Item it : reversed) {
      Resource r;
      try {
        r = remediation.resource(it.resource());
      } catch (IllegalArgumentException e) {
        failures.add(it.description() + ": " + e.getMessage());
        continue;
      }
      if (r.scoped() && !entry.inScope(remediation.scope())) {
        failures.add(
            r.describe()
                + " (original "
                + r.render(it.originalBytes())
                + "): not restored from "
                + remediation.scope()
                + "; it belongs to "
                + entry.scope());
        continue;
      }
      try {
        Optional<byte[]> now = r.read();
        if (!r.matches(now, it.originalBytes())) {
          r.write(it.originalBytes());
        }
        Optional<byte[]> after = r.read();
        if (!r.matches(after, it.originalBytes())) {
          failures.add(
              r.describe()
                  + " is "
                  + r.render(after)
                  + ", original "
                  + r.render(it.originalBytes()));
        }
      } catch (IOException | RuntimeException e) {
        failures.add(
            r.describe() + " (original " + r.render(it.originalBytes()) + "): " + e.getMessage());
      }
    }
    return failures;
  }

  /**
   * Where {@code entry}'s values are written back: through this remediation when the entry is of
   * this scope or changed nothing scoped (a file is the same from every namespace), else through
   * the remediation {@link Scopes} gives for the entry's scope; or why not.
   */
  private Reach reach(JournalEntry entry) {
    if (entry.inScope(scope) || !touchesScoped(entry)) {
      return Reach.of(remediation);
    }
    Optional<Remediation> there = scopes.in(entry.scope());
    if (there.isPresent()) {
      return Reach.of(there.get());
    }
    return Reach.refused(
        "its live values belong to network namespace "
            + entry.scope()
            + Optional.ofNullable(entry.namespace()).map(n -> " (" + n + ")").orElse("")
            + ", which is not on this host any more (or cannot be entered from "
            + scope
            + "); when the namespace is gone its values went with it. If it still exists, run"
            + " the command inside it (e.g. with nsenter --net=/proc/<pid>/ns/net)");
  }

  /** A remediation to write an entry back with, or why there is none. */
  private record Reach(Optional<Remediation> remediation, String why) {
    static Reach of(Remediation r) {
      return new Reach(Optional.of(r), "");
    }

    static Reach refused(String why) {
      return new Reach(Optional.empty(), why);
    }
  }

  private boolean touchesScoped(JournalEntry entry) {
    return entry.items().stream().anyMatch(it -> scoped(it.resource()));
  }

  /** Whether the resource {@code id} names belongs to one scope; false for one not ours. */
  private boolean scoped(String id) {
    try {
      return remediation.resource(id).scoped();
    } catch (IllegalArgumentException e) {
      return false; // restore reports it
    }
  }

  private void markRolledBack(JournalEntry subject, String by) {
    write(subject.withState(TxState.ROLLED_BACK, "rolled back by " + by));
  }

  private JournalEntry newEntry(
      Remediation in,
      String operation,
      String rollsBack,
      List<String> changes,
      List<JournalEntry.Item> items) {
    long sequence;
    try {
      sequence = journal.nextSequence();
    } catch (IOException e) {
      throw new AgentException(Failure.OPERATIONAL, "cannot read the journal: " + e.getMessage());
    }
    String id = ID_TIME.format(clock.instant()) + "-" + String.format("%04d", sequence);
    return new JournalEntry(
        id,
        clock.instant().toString(),
        user,
        in.scope(),
        in.namespaceLabel().orElse(null),
        operation,
        rollsBack,
        changes,
        items,
        TxState.IN_PROGRESS,
        List.of("journalled " + items.size() + " original values"));
  }

  private static JournalEntry.Item item(
      Resource r, Optional<byte[]> original, Optional<byte[]> target) {
    return new JournalEntry.Item(
        r.id(), r.describe(), JournalEntry.encode(original), JournalEntry.encode(target));
  }

  private void write(JournalEntry entry) {
    try {
      journal.write(entry);
    } catch (IOException e) {
      throw new AgentException(
          Failure.OPERATIONAL,
          "cannot write the journal " + journal.directory() + ": " + e.getMessage());
    }
  }

  private static Optional<byte[]> read(Resource r) {
    try {
      return r.read();
    } catch (IOException e) {
      throw new AgentException(
          Failure.OPERATIONAL, "cannot read " + r.describe() + ": " + e.getMessage());
    }
  }
}
