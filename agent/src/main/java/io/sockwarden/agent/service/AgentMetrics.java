package io.sockwarden.agent.service;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sockwarden.agent.core.NamespaceScan;
import io.sockwarden.agent.core.NamespacesScan;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.agent.core.Verdict;
import io.sockwarden.agent.service.Fullest.Ranked;
import io.sockwarden.agent.service.ObservedFamily.Series;
import io.sockwarden.agent.service.ObservedFamily.Type;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The service's Prometheus metrics, made with the Prometheus Java client library. Every series is
 * computed at each scrape from the last {@link Observation}, so that a series disappears when what
 * it describes does (a destination that is no longer among the fullest, a finding that was fixed, a
 * network namespace that is gone) instead of keeping a stale value. {@code docs/metrics.md}
 * documents each one.
 *
 * <p>When the service scans only its own network namespace, the series have the labels they always
 * had. When it scans several, every series that describes one namespace also carries {@code netns}
 * (the namespace's inode) and {@code netns_label} ({@code host}, {@code docker:NAME}, ...); the
 * agent's own health, the overall verdict and host-wide kernel parameters ({@code fs.*}) stay
 * without them.
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
   * @param scan the last successful scan of the agent's own namespace, null before the first (or
   *     when a scan of several namespaces found none of the agent's own)
   * @param namespaces the last successful scan of several network namespaces, when the service
   *     scans more than its own; its part for the agent's own namespace is {@code scan}
   * @param failOn the threshold verdicts are taken against
   * @param scanSucceeded whether the last cycle's scan succeeded
   * @param durationSeconds how long the last cycle's scan took
   * @param endedAtSeconds when the last cycle ended, seconds since the epoch
   * @param transactions journal entries by state label
   */
  public record Observation(
      Scan scan,
      Optional<NamespacesScan> namespaces,
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
    gauge(
        "sockwarden_last_scan_timestamp_seconds",
        "When the last scan cycle ended (Unix time).",
        (o, out) -> out.add(o.endedAtSeconds()));
    gauge(
        "sockwarden_scan_duration_seconds",
        "How long the last scan took.",
        (o, out) -> out.add(o.durationSeconds()));
    gauge(
        "sockwarden_scan_success",
        "1 when the last scan succeeded, 0 when it failed.",
        (o, out) -> out.add(o.scanSucceeded() ? 1 : 0));
    gauge(
        "sockwarden_verdict",
        "1 for the verdict of the last successful scan: compliant, findings or incomplete.",
        (o, out) ->
            verdict(o)
                .ifPresent(
                    v -> {
                      for (Verdict each : Verdict.values()) {
                        out.add(each == v ? 1 : 0, "verdict", each.label());
                      }
                    }));
    perNamespace(
        "sockwarden_findings",
        "Findings of the last successful scan, by rule and severity.",
        (s, out) ->
            count(s.findings(), f -> f.ruleId() + "\t" + f.severity().label())
                .forEach(
                    (k, n) -> {
                      String[] ruleSeverity = k.split("\t");
                      out.add(n, "rule", ruleSeverity[0], "severity", ruleSeverity[1]);
                    }));
    perNamespace(
        "sockwarden_rules_unevaluated",
        "Rules that gave no verdict in the last successful scan, by rule and cause (not"
            + " applicable, missing fact, failed).",
        (s, out) ->
            count(s.unevaluated(), u -> u.ruleId() + "\t" + u.cause().label())
                .forEach(
                    (k, n) -> {
                      String[] ruleCause = k.split("\t");
                      out.add(n, "cause", ruleCause[1], "rule", ruleCause[0]);
                    }));
    gauge(
        "sockwarden_sysctl_value",
        "Each watched kernel parameter with a single numeric value.",
        (o, out) -> {
          for (ScanPart part : parts(o)) {
            for (Sysctl sysctl : sysctls(part.scan())) {
              if (sysctl.numeric()) {
                // A parameter outside net.* is one for the whole host: no namespace labels.
                Series to = sysctl.key().startsWith("net.") ? part.labelled(out) : out;
                to.add(sysctl.asLong(), "key", sysctl.key());
              }
            }
          }
        });
    perNamespace(
        "sockwarden_ephemeral_ports_usable",
        "Local ports a client has per destination ip:port: the ephemeral range minus reserved"
            + " or excluded ports.",
        (s, out) -> range(s).ifPresent(r -> out.add(r.usable())));
    family(
        "sockwarden_tcp_stat",
        "Kernel TCP counters as last read, by name (TcpExt on Linux: ListenOverflows,"
            + " ListenDrops, TCPReqQFullDrop, TCPTimeWaitOverflow, ...).",
        Type.COUNTER,
        eachPart(
            (s, out) -> {
              for (NetCounter c : s.facts().counters()) {
                out.add(c.value(), "name", c.name());
              }
            }));
    perNamespace(
        "sockwarden_tcp_sockets",
        "TCP sockets by state (TIME_WAIT among them).",
        (s, out) ->
            s.facts()
                .census()
                .ifPresent(c -> c.states().counts().forEach((st, n) -> out.add(n, "state", st))));
    gauge(
        "sockwarden_destination_ephemeral_usage_ratio",
        "Share (0..1) of the usable ephemeral range held towards one destination ip:port;"
            + " only the fullest destinations (metrics.top-destinations).",
        (o, out) -> {
          for (Ranked<DestinationPorts> d : Fullest.destinations(parts(o), top)) {
            if (d.ratio() >= 0) {
              d.part().labelled(out).add(d.ratio(), "destination", d.item().endpoint());
            }
          }
        });
    gauge(
        "sockwarden_destination_ports_held",
        "Local ports held towards one destination ip:port; the same destinations as"
            + " sockwarden_destination_ephemeral_usage_ratio.",
        (o, out) -> {
          for (Ranked<DestinationPorts> d : Fullest.destinations(parts(o), top)) {
            d.part().labelled(out).add(d.item().total(), "destination", d.item().endpoint());
          }
        });
    gauge(
        "sockwarden_listener_queue_fill_ratio",
        "Accept-queue fill (0..1) of the fullest listeners whose backlog is known.",
        (o, out) -> {
          for (Ranked<Listener> l : Fullest.listeners(parts(o), top)) {
            l.part().labelled(out).add(l.ratio(), "listener", l.item().endpoint());
          }
        });
    gauge(
        "sockwarden_transactions",
        "Journal entries by state (applied, rolled back, failed restored, failed incomplete,"
            + " interrupted restored, in progress).",
        (o, out) -> o.transactions().forEach((st, n) -> out.add(n, "state", st)));
    gauge(
        "sockwarden_namespaces",
        "Network namespaces of the last successful scan, when the service scans more than its"
            + " own: scanned, missing (gone before their visit, or not enterable) and unmatched"
            + " (labels in the configuration that named none).",
        (o, out) ->
            o.namespaces()
                .ifPresent(
                    n -> {
                      out.add(n.scans().size(), "state", "scanned");
                      out.add(n.missing().size(), "state", "missing");
                      out.add(n.unmatched().size(), "state", "unmatched");
                    }));
    family(
        "sockwarden_namespace",
        "Each network namespace the last successful scan covered, with its kind (host, named,"
            + " container, process, mount); exposed as sockwarden_namespace_info.",
        Type.INFO,
        (o, out) -> {
          for (NamespaceScan part :
              o.namespaces().map(NamespacesScan::namespaces).orElse(List.of())) {
            if (part.scan().isPresent()) {
              out.add(
                  1,
                  ScanPart.concat(
                      new String[] {"kind", part.namespace().kind().label()},
                      ScanPart.labels(part.namespace())));
            }
          }
        });
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

  private void family(String name, String help, Type type, BiConsumer<Observation, Series> values) {
    registry.register(
        new ObservedFamily(
            name,
            help,
            type,
            out -> {
              Observation o = last;
              if (o != null) {
                values.accept(o, out);
              }
            }));
  }

  private void gauge(String name, String help, BiConsumer<Observation, Series> values) {
    family(name, help, Type.GAUGE, values);
  }

  /** A gauge whose series each describe one namespace: computed per part, labelled with it. */
  private void perNamespace(String name, String help, BiConsumer<Scan, Series> values) {
    gauge(name, help, eachPart(values));
  }

  private BiConsumer<Observation, Series> eachPart(BiConsumer<Scan, Series> values) {
    return (o, out) -> {
      for (ScanPart part : parts(o)) {
        values.accept(part.scan(), part.labelled(out));
      }
    };
  }

  private static List<ScanPart> parts(Observation o) {
    return ScanPart.of(o.scan(), o.namespaces());
  }

  private static Optional<Verdict> verdict(Observation o) {
    if (o.namespaces().isPresent()) {
      return Optional.of(o.namespaces().get().verdict(o.failOn()));
    }
    return o.scan() == null ? Optional.empty() : Optional.of(o.scan().verdict(o.failOn()));
  }

  private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  private static List<Sysctl> sysctls(Scan s) {
    return s.facts().platform() instanceof io.sockwarden.model.LinuxFacts l
        ? l.sysctls()
        : List.of();
  }

  private static Optional<EphemeralRange> range(Scan s) {
    return s.facts().ephemeralRange();
  }
}
