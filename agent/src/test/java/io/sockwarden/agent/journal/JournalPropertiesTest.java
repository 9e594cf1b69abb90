package io.sockwarden.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.agent.AgentException;
import io.sockwarden.model.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any sequence of apply, rollback and crash (at any checkpoint) leaves every original recoverable:
 * after recovery, rolling back what is still applied, newest first, gives back the initial state
 * byte for byte.
 */
class JournalPropertiesTest {
  private static final List<String> NAMES = List.of("r0", "r1", "r2", "r3");
  private static final List<String> POINTS =
      List.of("", "journaled", "written-1", "written-2", "before-verify", "marked");

  /** One step: apply targets, or roll back the n-th newest transaction; maybe crash at a point. */
  record Step(boolean apply, Map<String, String> targets, int pick, String crashAt) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Map<String, String>> targets =
        Arbitraries.maps(
                Arbitraries.of(NAMES), Arbitraries.strings().alpha().ofMaxLength(3).injectNull(0.2))
            .ofMinSize(1)
            .ofMaxSize(3);
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.of(true, true, false),
                targets,
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(POINTS))
            .as(Step::new);
    return step.list().ofMaxSize(8);
  }

  @Property(tries = 150)
  void originalsAreAlwaysRecoverable(@ForAll("steps") List<Step> steps) throws IOException {
    Path state = Files.createTempDirectory("journal-prop");
    try {
      MemoryHost host = new MemoryHost(NAMES.toArray(String[]::new));
      host.store.put("r1", Optional.of("original-1".getBytes()));
      Map<String, String> initial = host.snapshot();
      for (Step s : steps) {
        Transactions tx = transactions(state, host, s.crashAt());
        Map<String, String> beforeStep = host.snapshot();
        try {
          if (s.apply()) {
            tx.apply(host.prepare(new LinkedHashMap<>(s.targets())));
          } else {
            List<JournalEntry> applied = applied(state);
            if (!applied.isEmpty()) {
              String id = applied.get(Math.min(s.pick(), applied.size() - 1)).id();
              tx.rollback(Optional.of(id), false);
            }
          }
        } catch (TransactionsTest.SimulatedCrash crash) {
          transactions(state, host, "").recover();
        } catch (AgentException refused) {
          // The only refusal this sequence can meet: undoing a transaction that a later one,
          // still applied, changed again. It must change nothing.
          assertThat(refused.getMessage())
              .as("an error other than the expected refusal")
              .contains("changed again by transaction");
          assertThat(host.snapshot()).isEqualTo(beforeStep);
        }
        assertThat(new Journal(state, DurableFiles.posix()).entries())
            .noneMatch(
                e -> e.state() == TxState.IN_PROGRESS || e.state() == TxState.FAILED_INCOMPLETE);
      }
      List<JournalEntry> stillApplied = applied(state);
      for (JournalEntry e : stillApplied) {
        assertThat(transactions(state, host, "").rollback(Optional.of(e.id()), false).done())
            .isTrue();
      }
      assertThat(host.snapshot()).isEqualTo(initial);
    } finally {
      try (Stream<Path> walk = Files.walk(state)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Transactions transactions(Path state, MemoryHost host, String crashAt) {
    Checkpoints cp =
        point -> {
          if (point.equals(crashAt)) {
            throw new TransactionsTest.SimulatedCrash();
          }
        };
    return new Transactions(
        new Journal(state, DurableFiles.posix()), host, Clock.systemUTC(), cp, "prop");
  }

  /** Applied apply-transactions, newest first. */
  private static List<JournalEntry> applied(Path state) throws IOException {
    List<JournalEntry> list = new ArrayList<>();
    for (JournalEntry e : new Journal(state, DurableFiles.posix()).entries()) {
      if (e.operation().equals("apply") && e.state() == TxState.APPLIED) {
        list.add(0, e);
      }
    }
    return list;
  }
}
