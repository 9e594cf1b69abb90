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

  public Transactions(
      Journal journal, Remediation remediation, Clock clock, Checkpoints checkpoints, String user) {
    this.journal = journal;
    this.remediation = remediation;
    this.clock = clock;
    this.checkpoints = checkpoints;
    this.user = user;
    this.scope = remediation.scope();
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
    return run(newEntry("apply", null, changes, items), prepared);
  }

  /**
   * Rolls back a transaction: {@code id}, or the newest apply when empty.
   *
   * @throws AgentException exit 2 for an unknown id, exit 1 on drift without {@code force}
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
    refuseOutOfScope(subject, "roll back");
    List<JournalEntry.Item> items = new ArrayList<>();
    List<String> drift = laterChanges(subject);
    List<JournalEntry.Item> reversed = new ArrayList<>(subject.items());
    Collections.reverse(reversed);
    for (JournalEntry.Item it : reversed) {
      Resource r = remediation.resource(it.resource());
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
    Outcome outcome = run(newEntry("rollback", subject.id(), changes, items), null);
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
        for (JournalEntry.Item it : later.items()) {
          if (ids.contains(it.resource())) {
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
      List<JournalEntry> applies =
          journal.entries().stream().filter(e -> e.operation().equals("apply")).toList();
      if (applies.isEmpty()) {
        throw new AgentException(
            Failure.INVALID, "no transaction to roll back in " + journal.directory());
      }
      // The newest transaction still in effect; when none is, the newest (to say so).
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
          Optional<String> elsewhere = outOfScope(e);
          if (elsewhere.isPresent()) {
            messages.add(
                "Transaction "
                    + e.id()
                    + " ("
                    + e.operation()
                    + ") is unfinished but was not recovered: "
                    + elsewhere.get());
            continue;
          }
          List<String> failures = restore(e);
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

  private Outcome run(JournalEntry entry, PreparedChanges prepared) {
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
    List<String> failures = restore(entry);
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

  /** Writes every original back, newest write first; returns what could not be restored. */
  private List<String> restore(JournalEntry entry) {
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
      if (r.scoped() && !entry.inScope(scope)) {
        failures.add(
            r.describe()
                + " (original "
                + r.render(it.originalBytes())
                + "): not restored from "
                + scope
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
   * Why {@code entry}'s live values must not be written from here: it changed values that belong to
   * another scope (network namespace). Empty when they may.
   */
  private Optional<String> outOfScope(JournalEntry entry) {
    if (entry.inScope(scope)) {
      return Optional.empty();
    }
    for (JournalEntry.Item it : entry.items()) {
      Resource r;
      try {
        r = remediation.resource(it.resource());
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (r.scoped()) {
        return Optional.of(
            "its live values belong to network namespace "
                + entry.scope()
                + ", and this process runs in "
                + scope
                + "; writing them here would change another namespace's settings. Run the"
                + " command inside "
                + entry.scope()
                + " (e.g. with nsenter --net=/proc/<pid>/ns/net)");
      }
    }
    return Optional.empty();
  }

  private void refuseOutOfScope(JournalEntry entry, String what) {
    outOfScope(entry)
        .ifPresent(
            why -> {
              throw new AgentException(
                  Failure.OPERATIONAL, "refusing to " + what + " " + entry.id() + ": " + why + ".");
            });
  }

  private void markRolledBack(JournalEntry subject, String by) {
    write(subject.withState(TxState.ROLLED_BACK, "rolled back by " + by));
  }

  private JournalEntry newEntry(
      String operation, String rollsBack, List<String> changes, List<JournalEntry.Item> items) {
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
        scope,
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
