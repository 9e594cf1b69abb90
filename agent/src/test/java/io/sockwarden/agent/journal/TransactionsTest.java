package io.sockwarden.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.ExitCodes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionsTest {
  @TempDir Path state;
  final MemoryHost host = new MemoryHost("a", "b", "c");

  Transactions tx(Checkpoints checkpoints) {
    return new Transactions(new Journal(state), host, Clock.systemUTC(), checkpoints, "tester");
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
    assertThat(out.exitCode()).isEqualTo(0);
    assertThat(host.snapshot()).containsEntry("a", "new").containsEntry("b", "created");
    JournalEntry e = new Journal(state).entries().get(0);
    assertThat(e.state()).isEqualTo(TxState.APPLIED);
    assertThat(e.items().get(0).originalBytes())
        .hasValueSatisfying(v -> assertThat(new String(v)).isEqualTo("old"));
    assertThat(e.items().get(1).original()).isNull();

    Transactions.Outcome rb = tx(Checkpoints.NONE).rollback(Optional.empty(), false);
    assertThat(rb.exitCode()).isEqualTo(0);
    assertThat(host.snapshot()).isEqualTo(before);
    assertThat(new Journal(state).find(e.id()).orElseThrow().state())
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
    assertThat(out.exitCode()).isEqualTo(ExitCodes.RESTORED);
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
    assertThat(tx(Checkpoints.NONE).rollback(Optional.empty(), true).exitCode()).isEqualTo(0);
    assertThat(host.snapshot()).containsEntry("a", null);
  }

  @Test
  void refusesToUndoATransactionALaterOneBuiltOn() throws Exception {
    String first =
        tx(Checkpoints.NONE).apply(host.prepare(targets("a", "x"))).entry().orElseThrow().id();
    tx(Checkpoints.NONE).apply(host.prepare(targets("a", "x", "b", "y")));
    assertThatThrownBy(() -> tx(Checkpoints.NONE).rollback(Optional.of(first), false))
        .hasMessageContaining("changed again by transaction");
    assertThat(tx(Checkpoints.NONE).rollback(Optional.empty(), false).exitCode()).isZero();
    assertThat(tx(Checkpoints.NONE).rollback(Optional.of(first), false).exitCode()).isZero();
    assertThat(host.snapshot()).containsEntry("a", null).containsEntry("b", null);
  }

  @Test
  void lastSkipsTransactionsThatAreNotInEffect() throws Exception {
    tx(Checkpoints.NONE).apply(host.prepare(targets("a", "kept")));
    host.failWritesTo = "c";
    tx(Checkpoints.NONE).apply(host.prepare(targets("b", "x", "c", "y")));
    host.failWritesTo = null;
    assertThat(tx(Checkpoints.NONE).rollback(Optional.empty(), false).exitCode()).isZero();
    assertThat(host.snapshot()).containsEntry("a", null);
  }

  @Test
  void unknownTransactionIsAUsageError() {
    assertThatThrownBy(() -> tx(Checkpoints.NONE).rollback(Optional.of("nope"), false))
        .isInstanceOf(AgentException.class)
        .satisfies(e -> assertThat(((AgentException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
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
    assertThat(new Journal(state).entries().get(0).state()).isEqualTo(TxState.INTERRUPTED_RESTORED);
    assertThat(tx(Checkpoints.NONE).recover()).isEmpty();
  }

  /** Stands for the process dying at a checkpoint: nothing after it runs. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;
  }
}
