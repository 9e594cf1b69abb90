package io.sockwarden.agent.report;

import io.sockwarden.model.ConnectionCensus;
import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.Listener;
import io.sockwarden.model.TcpStates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The socket census as reports show it: the busiest destinations by share of the usable ephemeral
 * range, and the listeners by queue fill (both already sorted by the platform).
 */
final class CensusView {
  private final HostFacts facts;

  CensusView(HostFacts facts) {
    this.facts = facts;
  }

  Optional<TcpStates> states() {
    return facts.census().map(ConnectionCensus::states);
  }

  /** Usable ports of the ephemeral range, 0 when unknown. */
  int usable() {
    return facts.ephemeralRange().map(EphemeralRange::usable).orElse(0);
  }

  List<Listener> listeners(int limit) {
    return facts.listeners().stream().limit(limit).toList();
  }

  List<DestinationPorts> destinations(int limit) {
    return destinations().stream().limit(limit).toList();
  }

  int destinationCount() {
    return destinations().size();
  }

  private List<DestinationPorts> destinations() {
    return facts.census().map(ConnectionCensus::destinations).orElse(List.of());
  }

  /** Text lines: totals, busiest destinations, fullest listeners. */
  List<String> lines(int limit) {
    List<String> out = new ArrayList<>();
    Optional<TcpStates> states = states();
    if (states.isEmpty()) {
      return out;
    }
    TcpStates s = states.get();
    out.add("Connections (" + s.source() + "): " + s.total() + " TCP sockets " + s.counts());
    List<DestinationPorts> busiest = destinations(limit);
    if (!busiest.isEmpty()) {
      out.add(
          "    busiest destinations (local ports held, of "
              + usable()
              + " usable per destination; "
              + destinationCount()
              + " destinations):");
      for (DestinationPorts d : busiest) {
        out.add(
            "      "
                + Columns.left(d.endpoint(), 40)
                + " "
                + Columns.right(d.total(), 7)
                + "  "
                + Columns.right(d.percentOf(usable()), 3)
                + " %  ("
                + d.established()
                + " established, "
                + d.timeWait()
                + " time-wait, "
                + d.other()
                + " other)");
      }
    }
    List<Listener> fullest = listeners(limit);
    if (!fullest.isEmpty()) {
      out.add("    listeners by accept-queue fill (queued / backlog):");
      for (Listener l : fullest) {
        out.add(
            "      "
                + Columns.left(l.endpoint(), 40)
                + " "
                + Columns.right(l.queued(), 7)
                + " / "
                + Columns.left(l.backlogKnown() ? Long.toString(l.backlog()) : "?", 7)
                + " "
                + l.owner().describe());
      }
    }
    return out;
  }

  /** The JSON form: totals, and the first {@code limit} destinations and listeners. */
  Map<String, Object> json(int limit) {
    Map<String, Object> m = new LinkedHashMap<>();
    states()
        .ifPresent(
            s -> {
              m.put("source", s.source());
              m.put("states", s.counts());
            });
    m.put("usableEphemeralPorts", usable());
    m.put("destinationCount", destinationCount());
    List<Object> dests = new ArrayList<>();
    for (DestinationPorts d : destinations(limit)) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("address", d.address());
      x.put("port", d.port());
      x.put("total", d.total());
      x.put("percentOfUsable", d.percentOf(usable()));
      x.put("established", d.established());
      x.put("timeWait", d.timeWait());
      x.put("other", d.other());
      dests.add(x);
    }
    m.put("destinations", dests);
    List<Object> listeners = new ArrayList<>();
    for (Listener l : listeners(limit)) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("address", l.address());
      x.put("port", l.port());
      x.put("queued", l.queued());
      x.put("backlog", l.backlogKnown() ? l.backlog() : null);
      x.put("full", l.full());
      x.put("pid", l.owner().known() ? l.owner().pid() : null);
      x.put("command", l.owner().command());
      listeners.add(x);
    }
    m.put("listeners", listeners);
    return m;
  }
}
