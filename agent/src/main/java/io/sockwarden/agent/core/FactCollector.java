package io.sockwarden.agent.core;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.HostFacts;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Collects the host's facts and compares its counters with the baseline, moving the baseline only
 * when asked ({@link CounterMode}): the scheduled scanner, or a one-shot scan asked to, owns the
 * window; {@code facts}, {@code plan} and {@code apply} compare without consuming it.
 */
public final class FactCollector {
  private final HostSession session;
  private final CounterHistory counters;

  /**
   * @param zone the time zone counter windows are described in
   */
  public FactCollector(HostSession session, ZoneId zone) {
    this.session = session;
    this.counters =
        new CounterHistory(session.context().stateDir(), session.conventions().files(), zone);
  }

  /** Whether a scan moves the counter baseline, and as whom. */
  public record CounterMode(Optional<CounterHistory.Owner> advance) {
    /** Compare with the baseline, leave it where it is. */
    public static final CounterMode COMPARE = new CounterMode(Optional.empty());

    /** Compare, then make this scan the baseline (the scheduled scanner). */
    public static final CounterMode SCHEDULED =
        new CounterMode(Optional.of(CounterHistory.Owner.SCHEDULED));

    /** Compare, then make this scan the baseline (a one-shot scan asked to). */
    public static final CounterMode MANUAL =
        new CounterMode(Optional.of(CounterHistory.Owner.MANUAL));
  }

  /**
   * Collects the host's facts; no rules are evaluated.
   *
   * @throws AgentException (operational) when no live setting could be read: nothing to judge
   */
  public Scan collect(CounterMode mode) {
    Instant at = session.clock().instant();
    return collected(session.platform().collect(session.context()), at, mode);
  }

  /**
   * {@code raw}, facts just collected in the agent's own namespace at {@code at}, compared with the
   * counter baseline as {@link #collect} does.
   *
   * @throws AgentException (operational) when no live setting could be read: nothing to judge
   */
  public Scan collected(HostFacts raw, Instant at, CounterMode mode) {
    if (!raw.platform().settingsRead()) {
      throw new AgentException(
          Failure.OPERATIONAL,
          "no live setting could be read (kernel parameters under "
              + session.context().procRoot()
              + "/sys, or the Tcpip registry key on Windows); nothing to judge");
    }
    CounterHistory.Compared compared = counters.compare(raw, at);
    HostFacts facts = compared.facts();
    if (mode.advance().isPresent()) {
      Optional<CollectionProblem> unsaved = counters.advance(facts, at, mode.advance().get());
      if (unsaved.isPresent()) {
        facts = facts.withProblem(unsaved.get());
      }
    }
    return new Scan(at, facts, List.of(), List.of(), compared.window());
  }
}
