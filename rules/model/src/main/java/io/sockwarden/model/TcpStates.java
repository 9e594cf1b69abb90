package io.sockwarden.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How many TCP sockets (IPv4 and IPv6) are in each state, e.g. {@code TIME_WAIT -> 1200}.
 *
 * @param counts state name to number of sockets; absent states are 0
 * @param source where the sockets were read
 */
public record TcpStates(Map<String, Long> counts, String source) implements Evidential {
  public TcpStates {
    counts = Map.copyOf(counts);
    Objects.requireNonNull(source, "source");
  }

  public long get(String state) {
    return counts.getOrDefault(state, 0L);
  }

  public long timeWait() {
    return get("TIME_WAIT");
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public Evidence evidence() {
    return new Evidence("TCP sockets by state", new TreeMap<>(counts).toString(), source);
  }
}
