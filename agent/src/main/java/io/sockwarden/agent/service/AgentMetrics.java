package io.sockwarden.agent.service;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.agent.core.Verdict;
import io.sockwarden.model.ConnectionCensus;
import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.Listener;
import io.sockwarden.model.NetCounter;
import io.sockwarden.model.Severity;
import io.sockwarden.model.Sysctl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The service's Prometheus metrics, made with the Prometheus Java client library. Every metric is a
 * callback over the last {@link Observation}, so that a series disappears when what it describes
 * does (a destination that is no longer among the fullest, a finding that was fixed) instead of
 * keeping a stale value. {@code docs/metrics.md} documents each one.
 *
 * <p>Thread-safe: the scheduler publishes observations, the HTTP exporter's threads read them.
 */
public final class AgentMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final int top;
  private volatile Observation last;

  /**
   * What the last cycle saw.
   *
   * @param scan the last successful scan, null before the first
   * @param failOn the threshold its verdict is taken against
   * @param scanSucceeded whether the last cycle's scan succeeded
   * @param durationSeconds how long the last cycle's scan took
   * @param endedAtSeconds when the last cycle ended, seconds since the epoch
   * @param transactions journal entries by state label
   */
  public record Observation(
      Scan scan,
      Severity failOn,
      boolean scanSucceeded,
      double durationSeconds,
      double endedAtSeconds,
      Map<String, Long> transactions) {}

  /**
   * @param top how many of the fullest destinations and listeners get their own series
   * @param version the agent's version, for {@code sockwarden_build_info}
   */
  public AgentMetrics(int top, String version) {
    this.top = top;
    Info.builder()
        .name("sockwarden_build")
        .help("The agent's version, in a label (exposed as sockwarden_build_info).")
        .labelNames("version")
        .register(registry)
        .setLabelValues(version);
    gauge("sockwarden_last_scan_timestamp_seconds", "When the last scan cycle ended (Unix time).")
        .callback(cb -> with(o -> cb.call(o.endedAtSeconds())))
        .register(registry);
    gauge("sockwarden_scan_duration_seconds", "How long the last scan took.")
        .callback(cb -> with(o -> cb.call(o.durationSeconds())))
        .register(registry);
    gauge("sockwarden_scan_success", "1 when the last scan succeeded, 0 when it failed.")
        .callback(cb -> with(o -> cb.call(o.scanSucceeded() ? 1 : 0)))
        .register(registry);
    gauge(
            "sockwarden_verdict",
            "1 for the verdict of the last successful scan: compliant, findings or incomplete.",
            List.of("verdict"))
        .callback(
            cb ->
                withScan(
                    (o, s) -> {
                      Verdict v = s.verdict(o.failOn());
                      for (Verdict each : Verdict.values()) {
                        cb.call(each == v ? 1 : 0, each.label());
                      }
                    }))
        .register(registry);
    gauge(
            "sockwarden_findings",
            "Findings of the last successful scan, by rule and severity.",
            List.of("rule", "severity"))
        .callback(
            cb ->
                withScan(
                    (o, s) ->
                        count(s.findings(), f -> f.ruleId() + "\t" + f.severity().label())
                            .forEach((k, n) -> cb.call(n, k.split("\t")))))
        .register(registry);
    gauge(
            "sockwarden_rules_unevaluated",
            "Rules that gave no verdict in the last successful scan, by rule and cause (not"
                + " applicable, missing fact, failed).",
            List.of("rule", "cause"))
        .callback(
            cb ->
                withScan(
                    (o, s) ->
                        count(s.unevaluated(), u -> u.ruleId() + "\t" + u.cause().label())
                            .forEach((k, n) -> cb.call(n, k.split("\t")))))
        .register(registry);
    gauge(
            "sockwarden_sysctl_value",
            "Each watched kernel parameter with a single numeric value.",
            List.of("key"))
        .callback(
            cb ->
                withScan(
                    (o, s) -> {
                      for (Sysctl sysctl : sysctls(s)) {
                        if (sysctl.numeric()) {
                          cb.call(sysctl.asLong(), sysctl.key());
                        }
                      }
                    }))
        .register(registry);
    gauge(
            "sockwarden_ephemeral_ports_usable",
            "Local ports a client has per destination ip:port: the ephemeral range minus reserved"
                + " or excluded ports.")
        .callback(cb -> withScan((o, s) -> range(s).ifPresent(r -> cb.call(r.usable()))))
        .register(registry);
    CounterWithCallback.builder()
        .name("sockwarden_tcp_stat")
        .help(
            "Kernel TCP counters as last read, by name (TcpExt on Linux: ListenOverflows,"
                + " ListenDrops, TCPReqQFullDrop, TCPTimeWaitOverflow, ...).")
        .labelNames("name")
        .callback(
            cb ->
                withScan(
                    (o, s) -> {
                      for (NetCounter c : s.facts().counters()) {
                        cb.call(c.value(), c.name());
                      }
                    }))
        .register(registry);
    gauge(
            "sockwarden_tcp_sockets",
            "TCP sockets by state (TIME_WAIT among them).",
            List.of("state"))
        .callback(
            cb ->
                withScan(
                    (o, s) ->
                        s.facts()
                            .census()
                            .ifPresent(
                                c -> c.states().counts().forEach((st, n) -> cb.call(n, st)))))
        .register(registry);
    gauge(
            "sockwarden_destination_ephemeral_usage_ratio",
            "Share (0..1) of the usable ephemeral range held towards one destination ip:port;"
                + " only the fullest destinations (metrics.top-destinations).",
            List.of("destination"))
        .callback(
            cb ->
                withScan(
                    (o, s) -> {
                      int usable = range(s).map(EphemeralRange::usable).orElse(0);
                      if (usable <= 0) {
                        return;
                      }
                      for (DestinationPorts d : destinations(s)) {
                        cb.call(Math.min(1.0, (double) d.total() / usable), d.endpoint());
                      }
                    }))
        .register(registry);
    gauge(
            "sockwarden_destination_ports_held",
            "Local ports held towards one destination ip:port; the same destinations as"
                + " sockwarden_destination_ephemeral_usage_ratio.",
            List.of("destination"))
        .callback(
            cb ->
                withScan(
                    (o, s) -> {
                      for (DestinationPorts d : destinations(s)) {
                        cb.call(d.total(), d.endpoint());
                      }
                    }))
        .register(registry);
    gauge(
            "sockwarden_listener_queue_fill_ratio",
            "Accept-queue fill (0..1) of the fullest listeners whose backlog is known.",
            List.of("listener"))
        .callback(
            cb ->
                withScan(
                    (o, s) -> {
                      for (Listener l : listeners(s)) {
                        cb.call(Math.min(1.0, (double) l.queued() / l.backlog()), l.endpoint());
                      }
                    }))
        .register(registry);
    gauge(
            "sockwarden_transactions",
            "Journal entries by state (applied, rolled back, failed restored, failed incomplete,"
                + " interrupted restored, in progress).",
            List.of("state"))
        .callback(cb -> with(o -> o.transactions().forEach((st, n) -> cb.call(n, st))))
        .register(registry);
  }

  /** Publishes what the last cycle saw. */
  public void observe(Observation observation) {
    this.last = observation;
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** The metrics in the Prometheus text format (what node_exporter's textfile collector reads). */
  public byte[] text() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toByteArray();
  }

  private static GaugeWithCallback.Builder gauge(String name, String help) {
    return GaugeWithCallback.builder().name(name).help(help);
  }

  private static GaugeWithCallback.Builder gauge(String name, String help, List<String> labels) {
    return gauge(name, help).labelNames(labels.toArray(String[]::new));
  }

  private void with(java.util.function.Consumer<Observation> use) {
    Observation o = last;
    if (o != null) {
      use.accept(o);
    }
  }

  private void withScan(java.util.function.BiConsumer<Observation, Scan> use) {
    Observation o = last;
    if (o != null && o.scan() != null) {
      use.accept(o, o.scan());
    }
  }

  private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  private static List<Sysctl> sysctls(Scan s) {
    return s.facts().platform() instanceof io.sockwarden.model.LinuxFacts l
        ? l.sysctls()
        : List.of();
  }

  private static java.util.Optional<EphemeralRange> range(Scan s) {
    return s.facts().ephemeralRange();
  }

  private List<DestinationPorts> destinations(Scan s) {
    return s.facts().census().map(ConnectionCensus::destinations).orElse(List.of()).stream()
        .limit(top)
        .toList();
  }

  private List<Listener> listeners(Scan s) {
    return s.facts().listeners().stream().filter(l -> l.backlog() > 0).limit(top).toList();
  }
}
