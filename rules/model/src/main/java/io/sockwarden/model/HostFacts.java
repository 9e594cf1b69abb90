package io.sockwarden.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a platform collected in one pass: the facts rules reason about, the facts it could not
 * provide (gaps), and the problems met while collecting.
 *
 * @param host what the host is
 * @param counters network counters
 * @param ephemeralRange the local port range client connections draw from, when it was read
 * @param census the TCP sockets, when they could be read
 * @param processes descriptor use of the processes that matter (servers, socket-heavy or near their
 *     limit)
 * @param platform the facts only this operating system has
 * @param gaps facts that were expected but could not be provided; rules needing them are not
 *     evaluated
 * @param problems everything else that went wrong while collecting
 */
public record HostFacts(
    HostInfo host,
    List<NetCounter> counters,
    Optional<EphemeralRange> ephemeralRange,
    Optional<ConnectionCensus> census,
    List<ProcessFiles> processes,
    PlatformFacts platform,
    List<FactGap> gaps,
    List<CollectionProblem> problems) {
  public HostFacts {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(ephemeralRange, "ephemeralRange");
    Objects.requireNonNull(census, "census");
    Objects.requireNonNull(platform, "platform");
    counters = List.copyOf(counters);
    processes = List.copyOf(processes);
    gaps = List.copyOf(gaps);
    problems = List.copyOf(problems);
  }

  /**
   * Facts with nothing collected but the host itself (Linux-shaped): a starting point for tests.
   */
  public static HostFacts empty(HostInfo host) {
    return new HostFacts(
        host,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        new LinuxFacts(List.of(), List.of(), List.of(), Optional.empty()),
        List.of(),
        List.of());
  }

  /** These facts with another census. */
  public HostFacts withCensus(ConnectionCensus newCensus) {
    return new HostFacts(
        host,
        counters,
        ephemeralRange,
        Optional.of(newCensus),
        processes,
        platform,
        gaps,
        problems);
  }

  /** A live kernel parameter (Linux), if it was read. */
  public Optional<Sysctl> sysctl(String key) {
    return platform instanceof LinuxFacts linux ? linux.sysctl(key) : Optional.empty();
  }

  public Optional<NetCounter> counter(String name) {
    return counters.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The listeners of the census, none when it could not be taken. */
  public List<Listener> listeners() {
    return census.map(ConnectionCensus::listeners).orElse(List.of());
  }

  /** These facts with other counters. */
  public HostFacts withCounters(List<NetCounter> newCounters) {
    return new HostFacts(
        host, newCounters, ephemeralRange, census, processes, platform, gaps, problems);
  }

  /** These facts with one more problem. */
  public HostFacts withProblem(CollectionProblem problem) {
    List<CollectionProblem> more = new ArrayList<>(problems);
    more.add(problem);
    return new HostFacts(host, counters, ephemeralRange, census, processes, platform, gaps, more);
  }

  /** Every fact, in the order they are inserted into a rule session. */
  public List<Object> all() {
    List<Object> all = new ArrayList<>();
    all.add(host);
    all.addAll(counters);
    ephemeralRange.ifPresent(all::add);
    census.ifPresent(
        c -> {
          all.add(c.states());
          all.addAll(c.listeners());
          all.addAll(c.destinations());
        });
    all.addAll(processes);
    all.addAll(platform.ruleFacts());
    return all;
  }
}
