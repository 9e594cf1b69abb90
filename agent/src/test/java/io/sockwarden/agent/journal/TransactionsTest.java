package io.sockwarden.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.model.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionsTest {
  @TempDir Path state;
  final MemoryHost host = new MemoryHost("a", "b", "c", "net.a");

  Transactions tx(Checkpoints checkpoints) {
    return tx(host, checkpoints);
  }

  Transactions tx(MemoryHost on, Checkpoints checkpoints) {
    return new Transactions(
        new Journal(state, DurableFiles.posix()), on, Clock.systemUTC(), checkpoints, "tester");
  }

  static Map<String, String> targets(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void appliesJournalsAndRollsBackByteForByte() throws Exception {
    host.store.put("a", Optional.of("old".getBytes()));
    Map<String, String> before = host.snapshot();
    Transactions.Outcome out =
        tx(Checkpoints.NONE).apply(host.prepare(targets("a", "new", "b", "created")));
    assertThat(out.result()).isEqualTo(Transactions.Result.DONE);
    assertThat(host.snapshot()).containsEntry("a", "new").containsEntry("b", "created");
    JournalEntry e = new Journal(state, DurableFiles.posix()).entries().get(0);
    assertThat(e.state()).isEqualTo(TxState.APPLIED);
    assertThat(e.items().get(0).originalBytes())
        .hasValueSatisfying(v -> assertThat(new String(v)).isEqualTo("old"));
    assertThat(e.items().get(1).original()).isNull();

    Transactions.Outcome rb = tx(Checkpoints.NONE).rollback(Optional.empty(), false);
    assertThat(rb.result()).isEqualTo(Transactions.Result.DONE);
    assertThat(host.snapshot()).isEqualTo(before);
    assertThat(new Journal(state, DurableFiles.posix()).find(e.id()).orElseThrow().state())
        .isEqualTo(TxState.ROLLED_BACK);
    assertThat(tx(Checkpoints.NONE).rollback(Optional.of(e.id()), false).messages().get(0))
        .contains("already rolled back");
  }

  @Test
  void failedWriteRestoresEverythingAndExitsFour() throws Exception {
    host.store.put("a", Optional.of("1".getBytes()));
    Map<String, String> before = host.snapshot();
    host.failWritesTo = "c";
    Transactions.Outcome out =
        tx(Checkpoints.NONE).apply(host.prepare(targets("a", "2", "b", "x", "c", "y")));
    assertThat(out.result()).isEqualTo(Transactions.Result.RESTORED);
    assertThat(host.snapshot()).isEqualTo(before);
    assertThat(out.entry().orElseThrow().state()).isEqualTo(TxState.FAILED_RESTORED);
  }

  @Test
  void driftIsRefusedUnlessForced() throws Exception {
    tx(Checkpoints.NONE).apply(host.prepare(targets("a", "mine")));
    host.store.put("a", Optional.of("someone else's".getBytes()));
    assertThatThrownBy(() -> tx(Checkpoints.NONE).rollback(Optional.empty(), false))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("drift")
        .hasMessageContaining("someone else");
    assertThat(host.snapshot()).containsEntry("a", "someone else's");
    assertThat(tx(Checkpoints.NONE).rollback(Optional.empty(), true).done()).isTrue();
    assertThat(host.snapshot()).containsEntry("a", null);
  }

  @Test
  void refusesToUndoATransactionALaterOneBuiltOn() throws Exception {
    String first =
        tx(Checkpoints.NONE).apply(host.prepare(targets("a", "x"))).entry().orElseThrow().id();
    tx(Checkpoints.NONE).apply(host.prepare(targets("a", "x", "b", "y")));
    assertThatThrownBy(() -> tx(Checkpoints.NONE).rollback(Optional.of(first), false))
        .hasMessageContaining("changed again by transaction");
    assertThat(tx(Checkpoints.NONE).rollback(Optional.empty(), false).done()).isTrue();
    assertThat(tx(Checkpoints.NONE).rollback(Optional.of(first), false).done()).isTrue();
    assertThat(host.snapshot()).containsEntry("a", null).containsEntry("b", null);
  }

  @Test
  void lastSkipsTransactionsThatAreNotInEffect() throws Exception {
    tx(Checkpoints.NONE).apply(host.prepare(targets("a", "kept")));
    host.failWritesTo = "c";
    tx(Checkpoints.NONE).apply(host.prepare(targets("b", "x", "c", "y")));
    host.failWritesTo = null;
    assertThat(tx(Checkpoints.NONE).rollback(Optional.empty(), false).done()).isTrue();
    assertThat(host.snapshot()).containsEntry("a", null);
  }

  @Test
  void unknownTransactionIsAUsageError() {
    assertThatThrownBy(() -> tx(Checkpoints.NONE).rollback(Optional.of("nope"), false))
        .isInstanceOf(AgentException.class)
        .satisfies(e -> assertThat(((AgentException) e).failure()).isEqualTo(Failure.INVALID));
  }

  @Test
  void crashAfterSomeWritesIsRevertedByRecovery() throws Exception {
    host.store.put("b", Optional.of("orig".getBytes()));
    Map<String, String> before = host.snapshot();
    assertThatThrownBy(
            () ->
                tx(point -> {
                      if (point.equals("written-2")) {
                        throw new SimulatedCrash();
                      }
                    })
                    .apply(host.prepare(targets("a", "1", "b", "2", "c", "3"))))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(host.snapshot()).isNotEqualTo(before);
    assertThat(tx(Checkpoints.NONE).recover()).singleElement().asString().contains("interrupted");
    assertThat(host.snapshot()).isEqualTo(before);
    assertThat(new Journal(state, DurableFiles.posix()).entries().get(0).state())
        .isEqualTo(TxState.INTERRUPTED_RESTORED);
    assertThat(tx(Checkpoints.NONE).recover()).isEmpty();
  }

  @Test
  void aFailedFinalMarkRestoresAtOnceInsteadOfLeavingTheChangeToTheNextStart() throws Exception {
    host.store.put("a", Optional.of("old".getBytes()));
    Map<String, String> before = host.snapshot();
    // Just before the mark, the entry's file becomes something the journal cannot replace.
    Checkpoints blockTheMark =
        point -> {
          if (point.equals("before-verify")) {
            try (var files = Files.list(state.resolve("journal"))) {
              Path entry = files.filter(f -> f.toString().endsWith(".json")).findFirst().get();
              Files.delete(entry);
              Files.createDirectory(entry);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    Transactions.Outcome out = tx(blockTheMark).apply(host.prepare(targets("a", "new")));
    assertThat(out.result()).isEqualTo(Transactions.Result.RESTORED);
    assertThat(out.messages())
        .anyMatch(m -> m.contains("the journal could not record it"))
        .anyMatch(m -> m.contains("every original value was restored"));
    assertThat(host.snapshot()).isEqualTo(before);
  }

  @Test
  void rollbackOfANamespaceThatCannotBeReachedIsRefused() throws Exception {
    String id =
        tx(Checkpoints.NONE)
            .apply(host.prepare(targets("net.a", "mine")))
            .entry()
            .orElseThrow()
            .id();
    host.scope = "net:[2]";
    assertThatThrownBy(() -> tx(Checkpoints.NONE).rollback(Optional.of(id), true))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("network namespace net:[1]")
        .hasMessageContaining("cannot be entered from net:[2]");
    // --last looks in this namespace only: there is nothing here, and it says where to look.
    assertThatThrownBy(() -> tx(Checkpoints.NONE).rollback(Optional.empty(), false))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("no transaction to roll back")
        .hasMessageContaining(id);
    assertThat(host.snapshot()).containsEntry("net.a", "mine");
    host.scope = "net:[1]";
    assertThat(tx(Checkpoints.NONE).rollback(Optional.empty(), false).done()).isTrue();
    assertThat(host.snapshot()).containsEntry("net.a", null);
  }

  @Test
  void recoveryFromAnotherNetworkNamespaceLeavesTheTransactionForItsOwnNamespace()
      throws Exception {
    MemoryHost netHost = new MemoryHost("net.a", "file");
    Transactions crashing =
        tx(
            netHost,
            point -> {
              if (point.equals("written-2")) {
                throw new SimulatedCrash();
              }
            });
    assertThatThrownBy(() -> crashing.apply(netHost.prepare(targets("net.a", "1", "file", "2"))))
        .isInstanceOf(SimulatedCrash.class);
    netHost.scope = "net:[2]";
    Transactions elsewhere = tx(netHost, Checkpoints.NONE);
    assertThat(elsewhere.recover())
        .singleElement()
        .asString()
        .contains("was not recovered")
        .contains("net:[1]")
        .contains("when the namespace is gone its values went with it");
    assertThat(netHost.snapshot()).containsEntry("net.a", "1").containsEntry("file", "2");
    assertThat(new Journal(state, DurableFiles.posix()).hasUnfinished()).isTrue();
    netHost.scope = "net:[1]";
    Transactions home = tx(netHost, Checkpoints.NONE);
    assertThat(home.recover()).singleElement().asString().contains("interrupted; restored");
    assertThat(netHost.snapshot()).containsEntry("net.a", null).containsEntry("file", null);
  }

  /** The agent's own namespace net:[1] ({@link #host}) and a container's, net:[7]. */
  final MemoryHost container = containerHost();

  private static MemoryHost containerHost() {
    MemoryHost m = new MemoryHost("net.a", "net.b");
    m.scope = "net:[7]";
    m.label = "docker:web";
    return m;
  }

  /** Transactions applied in {@code in}, reaching the container's namespace by its scope. */
  Transactions reaching(MemoryHost in, Checkpoints checkpoints) {
    return new Transactions(
        new Journal(state, DurableFiles.posix()),
        in,
        Clock.systemUTC(),
        checkpoints,
        "tester",
        scope -> scope.equals(container.scope) ? Optional.of(container) : Optional.empty());
  }

  @Test
  void aTransactionInAnotherNamespaceIsJournalledWithItAndRolledBackInsideIt() throws Exception {
    container.store.put("net.a", Optional.of("128".getBytes()));
    host.store.put("net.a", Optional.of("host".getBytes()));
    JournalEntry applied =
        reaching(container, Checkpoints.NONE)
            .apply(container.prepare(targets("net.a", "4096")))
            .entry()
            .orElseThrow();
    assertThat(applied.scope()).isEqualTo("net:[7]");
    assertThat(applied.namespace()).isEqualTo("docker:web");
    assertThat(host.snapshot()).containsEntry("net.a", "host");

    // The agent's own namespace changes the same key later: another setting, not drift.
    reaching(host, Checkpoints.NONE).apply(host.prepare(targets("net.a", "mine")));

    Transactions.Outcome rb =
        reaching(host, Checkpoints.NONE).rollback(Optional.of(applied.id()), false);
    assertThat(rb.result()).as(rb.messages().toString()).isEqualTo(Transactions.Result.DONE);
    assertThat(container.snapshot()).containsEntry("net.a", "128");
    assertThat(host.snapshot()).containsEntry("net.a", "mine");
    JournalEntry rollback = rb.entry().orElseThrow();
    assertThat(rollback.scope()).isEqualTo("net:[7]");
    assertThat(rollback.namespace()).isEqualTo("docker:web");
    assertThat(new Journal(state, DurableFiles.posix()).find(applied.id()).orElseThrow().state())
        .isEqualTo(TxState.ROLLED_BACK);
  }

  @Test
  void lastTakesTheNewestTransactionOfTheNamespaceItIsAskedAbout() throws Exception {
    String inHost =
        reaching(host, Checkpoints.NONE)
            .apply(host.prepare(targets("net.a", "h")))
            .entry()
            .orElseThrow()
            .id();
    String inContainer =
        reaching(container, Checkpoints.NONE)
            .apply(container.prepare(targets("net.b", "c")))
            .entry()
            .orElseThrow()
            .id();
    assertThat(reaching(host, Checkpoints.NONE).rollback(Optional.empty(), false).messages())
        .isNotEmpty();
    Journal journal = new Journal(state, DurableFiles.posix());
    assertThat(journal.find(inHost).orElseThrow().state()).isEqualTo(TxState.ROLLED_BACK);
    assertThat(journal.find(inContainer).orElseThrow().state()).isEqualTo(TxState.APPLIED);
    reaching(container, Checkpoints.NONE).rollback(Optional.empty(), false);
    assertThat(journal.find(inContainer).orElseThrow().state()).isEqualTo(TxState.ROLLED_BACK);
    assertThat(container.snapshot()).containsEntry("net.b", null);
  }

  @Test
  void recoveryReentersTheNamespaceOfAnUnfinishedTransaction() throws Exception {
    container.store.put("net.a", Optional.of("128".getBytes()));
    Transactions crashing =
        reaching(
            container,
            point -> {
              if (point.equals("written-1")) {
                throw new SimulatedCrash();
              }
            });
    assertThatThrownBy(
            () -> crashing.apply(container.prepare(targets("net.a", "4096", "net.b", "1"))))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(container.snapshot()).containsEntry("net.a", "4096");
    assertThat(reaching(host, Checkpoints.NONE).recover())
        .singleElement()
        .asString()
        .contains("interrupted; restored 2 original values");
    assertThat(container.snapshot()).containsEntry("net.a", "128").containsEntry("net.b", null);
    assertThat(new Journal(state, DurableFiles.posix()).hasUnfinished()).isFalse();
  }

  @Test
  void pruningNeverDropsATransactionStillInEffect() throws Exception {
    String kept =
        tx(Checkpoints.NONE).apply(host.prepare(targets("a", "1"))).entry().orElseThrow().id();
    for (int i = 0; i < 4; i++) {
      tx(Checkpoints.NONE).apply(host.prepare(targets("b", "v" + i)));
      tx(Checkpoints.NONE).rollback(Optional.empty(), false);
    }
    Journal journal = new Journal(state, DurableFiles.posix());
    assertThat(journal.entries()).hasSize(9);
    List<String> removed = journal.prune(2, Duration.ofDays(365), Instant.now());
    assertThat(removed).hasSize(6).doesNotContain(kept);
    assertThat(journal.entries()).extracting(JournalEntry::id).contains(kept).hasSize(3);
    // Age alone prunes too, but never what is in effect.
    assertThat(journal.prune(100, Duration.ofDays(1), Instant.now().plus(Duration.ofDays(2))))
        .doesNotContain(kept);
    assertThat(journal.entries()).extracting(JournalEntry::id).containsExactly(kept);
  }

  @Test
  void aJournalEntryThatCannotBeParsedIsNamed() throws Exception {
    Files.createDirectories(state.resolve("journal"));
    Files.writeString(state.resolve("journal/x-0001.json"), "{ not json");
    assertThatThrownBy(() -> new Journal(state, DurableFiles.posix()).entries())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("x-0001.json: not a readable journal entry");
  }

  /** Stands for the process dying at a checkpoint: nothing after it runs. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;
  }
}
