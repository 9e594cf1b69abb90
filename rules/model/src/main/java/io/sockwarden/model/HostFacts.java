package io.sockwarden.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything a platform collected in one pass: the facts rules reason about, and the problems met
 * while collecting them.
 *
 * @param host what the host is
 * @param sysctls live kernel parameters that could be read
 * @param counters network counters
 * @param sockStats socket summaries
 * @param bootValues for each key set in the persistent configuration, the value it gets at boot
 * @param extra further facts (platform-specific records) inserted into the rule session as they are
 * @param problems what could not be read
 */
public record HostFacts(
    HostInfo host,
    List<Sysctl> sysctls,
    List<NetCounter> counters,
    List<SockStat> sockStats,
    List<BootValue> bootValues,
    List<Object> extra,
    List<CollectionProblem> problems) {
  public HostFacts {
    Objects.requireNonNull(host, "host");
    sysctls = List.copyOf(sysctls);
    counters = List.copyOf(counters);
    sockStats = List.copyOf(sockStats);
    bootValues = List.copyOf(bootValues);
    extra = List.copyOf(extra);
    problems = List.copyOf(problems);
  }

  public Optional<Sysctl> sysctl(String key) {
    return sysctls.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  public Optional<NetCounter> counter(String name) {
    return counters.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** These facts with other counters. */
  public HostFacts withCounters(List<NetCounter> newCounters) {
    return new HostFacts(host, sysctls, newCounters, sockStats, bootValues, extra, problems);
  }

  /** These facts with one more problem. */
  public HostFacts withProblem(CollectionProblem problem) {
    List<CollectionProblem> more = new java.util.ArrayList<>(problems);
    more.add(problem);
    return new HostFacts(host, sysctls, counters, sockStats, bootValues, extra, more);
  }

  /** The extra facts of one type. */
  public <T> List<T> extra(Class<T> type) {
    return extra.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Every fact, in the order they are inserted into a rule session. */
  public List<Object> all() {
    return Stream.<Stream<?>>of(
            Stream.of(host),
            sysctls.stream(),
            counters.stream(),
            sockStats.stream(),
            bootValues.stream(),
            extra.stream())
        .flatMap(s -> s)
        .<Object>map(o -> o)
        .toList();
  }
}
