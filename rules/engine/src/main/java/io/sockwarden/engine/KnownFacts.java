package io.sockwarden.engine;

import io.sockwarden.model.FactGap;
import io.sockwarden.model.NetCounter;
import io.sockwarden.model.Sysctl;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up a value that a rule's conclusion uses but its condition does not need, such as the
 * {@code tcp_tw_reuse} a TIME_WAIT finding proposes to change. Matching such a fact in the
 * condition would suppress the whole finding on a host where it could not be read; looking it up in
 * the consequence keeps the finding and lets it say what it cannot propose.
 *
 * <p>The engine inserts exactly one into every session:
 *
 * <pre>{@code
 * when
 *   $known : KnownFacts()
 * then
 *   Optional<Sysctl> reuse = $known.sysctl("net.ipv4.tcp_tw_reuse");
 *   ... reuse.isPresent() ? ... : $known.unknown("net.ipv4.tcp_tw_reuse") ...
 * }</pre>
 *
 * <p>Immutable.
 */
public final class KnownFacts {
  private final Map<String, Sysctl> sysctls = new HashMap<>();
  private final Map<String, NetCounter> counters = new HashMap<>();
  private final Map<String, FactGap> gaps = new HashMap<>();

  KnownFacts(Collection<?> facts, Collection<FactGap> gaps) {
    for (Object fact : facts) {
      if (fact instanceof Sysctl s) {
        sysctls.putIfAbsent(s.key(), s);
      } else if (fact instanceof NetCounter c) {
        counters.putIfAbsent(c.name(), c);
      }
    }
    for (FactGap gap : gaps) {
      this.gaps.putIfAbsent(gap.fact(), gap);
    }
  }

  /** The live value of a kernel parameter, when it was read. */
  public Optional<Sysctl> sysctl(String key) {
    return Optional.ofNullable(sysctls.get(key));
  }

  /** A kernel counter, when it was read. */
  public Optional<NetCounter> counter(String name) {
    return Optional.ofNullable(counters.get(name));
  }

  /**
   * Why a fact is not known, as a clause to build a sentence on: {@code net.ipv4.tcp_tw_reuse is
   * unknown (unparsable: 'abc' is not a number, /proc/sys/net/ipv4/tcp_tw_reuse)}.
   */
  public String unknown(String fact) {
    FactGap gap = gaps.get(fact);
    if (gap == null) {
      return fact + " was not collected";
    }
    if (gap.kind() == FactGap.Kind.NOT_APPLICABLE) {
      return fact + " does not exist on this host (" + gap.source() + ")";
    }
    return fact
        + " is unknown ("
        + gap.kind().label()
        + ": "
        + gap.detail()
        + ", "
        + gap.source()
        + ")";
  }
}
