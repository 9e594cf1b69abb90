package io.sockwarden.model;

import java.util.List;
import java.util.Objects;

/**
 * The TCP sockets of the host (one network namespace) as the rules see them: counts per state, the
 * listeners with their accept queues, and the local ports held per destination. The same shape on
 * every platform; only the reader differs (netlink or {@code /proc/net/tcp} on Linux, the TCP
 * tables on Windows).
 *
 * @param states sockets per state
 * @param listeners listening sockets, fullest accept queue first
 * @param destinations local ports held per destination ip:port, busiest first
 * @param source where the sockets were read
 */
public record ConnectionCensus(
    TcpStates states,
    List<Listener> listeners,
    List<DestinationPorts> destinations,
    String source) {
  public ConnectionCensus {
    Objects.requireNonNull(states, "states");
    Objects.requireNonNull(source, "source");
    listeners = List.copyOf(listeners);
    destinations = List.copyOf(destinations);
  }
}
