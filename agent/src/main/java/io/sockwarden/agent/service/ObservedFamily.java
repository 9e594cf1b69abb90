package io.sockwarden.agent.service;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.function.Consumer;

/**
 * One metric family whose series are computed at each scrape from what the last cycle saw, so that
 * a series exists exactly as long as what it describes. Unlike the client library's callback
 * metrics, its series need not all have the same label names: in a scan of several network
 * namespaces, a per-namespace value carries the namespace's labels and a host-wide value of the
 * same family does not.
 *
 * <p>Thread-safe as long as its source is: each scrape builds a new snapshot.
 */
final class ObservedFamily implements Collector {
  /** The family's Prometheus type. */
  enum Type {
    GAUGE,
    COUNTER,
    /** Series with value 1 whose labels are the information ({@code _info}). */
    INFO
  }

  /** Receives the family's series. */
  @FunctionalInterface
  interface Series {
    /**
     * @param labels label names and values, alternating: {@code "rule", id, "severity", s}
     */
    void add(double value, String... labels);
  }

  private final String name;
  private final String help;
  private final Type type;
  private final Consumer<Series> source;

  /**
   * @param name the name without the suffix its type adds ({@code _total}, {@code _info})
   * @param source adds the current series; adds none when there is nothing to describe
   */
  ObservedFamily(String name, String help, Type type, Consumer<Series> source) {
    this.name = name;
    this.help = help;
    this.type = type;
    this.source = source;
  }

  @Override
  public MetricSnapshot collect() {
    return switch (type) {
      case GAUGE -> {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        source.accept(
            (v, labels) ->
                b.dataPoint(
                    GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(v)
                        .labels(Labels.of(labels))
                        .build()));
        yield b.build();
      }
      case COUNTER -> {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        source.accept(
            (v, labels) ->
                b.dataPoint(
                    CounterSnapshot.CounterDataPointSnapshot.builder()
                        .value(v)
                        .labels(Labels.of(labels))
                        .build()));
        yield b.build();
      }
      case INFO -> {
        InfoSnapshot.Builder b = InfoSnapshot.builder().name(name).help(help);
        source.accept(
            (v, labels) ->
                b.dataPoint(
                    InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(Labels.of(labels))
                        .build()));
        yield b.build();
      }
    };
  }

  @Override
  public String getPrometheusName() {
    return name;
  }
}
