package io.sockwarden.agent.service;

import io.sockwarden.model.ConnectionCensus;
import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.Listener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The destinations and listeners that get their own series: the {@code top} fullest. Of one
 * namespace, the first {@code top} in the platform's order (busiest first); of several, the {@code
 * top} fullest across all of them, each measured against its own namespace, so that the series do
 * not multiply with the number of namespaces.
 */
final class Fullest {
  private Fullest() {}

  /**
   * A destination or listener among the fullest, with the namespace it is in.
   *
   * @param ratio its fill (0..1), or -1 when it cannot be computed (no usable port range)
   * @param size ports held or connections queued, which breaks ties
   */
  record Ranked<T>(ScanPart part, T item, double ratio, long size) {}

  /** The fullest destinations: ports held against the usable ephemeral range. */
  static List<Ranked<DestinationPorts>> destinations(List<ScanPart> parts, int top) {
    List<Ranked<DestinationPorts>> all = new ArrayList<>();
    for (ScanPart part : parts) {
      int usable = part.scan().facts().ephemeralRange().map(EphemeralRange::usable).orElse(0);
      part.scan().facts().census().map(ConnectionCensus::destinations).orElse(List.of()).stream()
          .limit(top)
          .forEach(
              d ->
                  all.add(
                      new Ranked<>(
                          part,
                          d,
                          usable > 0 ? Math.min(1.0, (double) d.total() / usable) : -1,
                          d.total())));
    }
    return fullest(all, parts.size(), top);
  }

  /** The fullest listeners whose backlog is known: accept queue against backlog. */
  static List<Ranked<Listener>> listeners(List<ScanPart> parts, int top) {
    List<Ranked<Listener>> all = new ArrayList<>();
    for (ScanPart part : parts) {
      part.scan().facts().listeners().stream()
          .filter(l -> l.backlog() > 0)
          .limit(top)
          .forEach(
              l ->
                  all.add(
                      new Ranked<>(
                          part, l, Math.min(1.0, (double) l.queued() / l.backlog()), l.queued())));
    }
    return fullest(all, parts.size(), top);
  }

  private static <T> List<Ranked<T>> fullest(List<Ranked<T>> candidates, int parts, int top) {
    if (parts <= 1) {
      return candidates; // already the platform's order, fullest first, and at most top
    }
    return candidates.stream()
        .sorted(
            Comparator.comparingDouble((Ranked<T> r) -> r.ratio())
                .thenComparingLong(Ranked::size)
                .reversed())
        .limit(top)
        .toList();
  }
}
