package io.sockwarden.agent.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code sockwarden run} behaves: when it scans, whether it changes anything on its own, what
 * it keeps, and where it publishes metrics.
 *
 * @param every time between scheduled scans
 * @param splay the largest random delay added to each host's schedule, so that a fleet's scans do
 *     not all start in the same second; fixed per host (derived from its name) so that one host's
 *     interval stays regular
 * @param autoRemediation whether allowed findings are fixed without asking
 * @param allow rule ids whose changes {@code auto} may apply
 * @param maxChangesPerCycle the most settings one cycle may change
 * @param reportsKeep reports to keep: the newest this many
 * @param reportsMaxAge reports older than this are removed
 * @param metricsTextfile where to write the node_exporter textfile, if anywhere
 * @param metricsListen where to serve {@code /metrics} over HTTP, if anywhere
 * @param topDestinations how many of the fullest destinations and listeners get their own series
 * @param namespaces which network namespaces each cycle scans
 */
public record ServiceSettings(
    Duration every,
    Duration splay,
    boolean autoRemediation,
    Set<String> allow,
    int maxChangesPerCycle,
    int reportsKeep,
    Duration reportsMaxAge,
    Optional<Path> metricsTextfile,
    Optional<InetSocketAddress> metricsListen,
    int topDestinations,
    NamespaceScope namespaces) {

  public static final ServiceSettings DEFAULTS =
      new ServiceSettings(
          Duration.ofMinutes(15),
          Duration.ofMinutes(2),
          false,
          Set.of(),
          5,
          96,
          Duration.ofDays(7),
          Optional.empty(),
          Optional.empty(),
          10,
          NamespaceScope.HOST);

  public ServiceSettings {
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(splay, "splay");
    Objects.requireNonNull(reportsMaxAge, "reportsMaxAge");
    Objects.requireNonNull(metricsTextfile, "metricsTextfile");
    Objects.requireNonNull(metricsListen, "metricsListen");
    Objects.requireNonNull(namespaces, "namespaces");
    allow = Set.copyOf(allow);
  }

  /** These settings with a textfile target (from {@code --metrics-textfile}). */
  public ServiceSettings withMetricsTextfile(Path file) {
    return new ServiceSettings(
        every,
        splay,
        autoRemediation,
        allow,
        maxChangesPerCycle,
        reportsKeep,
        reportsMaxAge,
        Optional.of(file),
        metricsListen,
        topDestinations,
        namespaces);
  }

  /** These settings serving {@code /metrics} at {@code address} (from {@code --metrics-listen}). */
  public ServiceSettings withMetricsListen(InetSocketAddress address) {
    return new ServiceSettings(
        every,
        splay,
        autoRemediation,
        allow,
        maxChangesPerCycle,
        reportsKeep,
        reportsMaxAge,
        metricsTextfile,
        Optional.of(address),
        topDestinations,
        namespaces);
  }

  /** These settings scanning the network namespaces {@code scope}. */
  public ServiceSettings withNamespaces(NamespaceScope scope) {
    return new ServiceSettings(
        every,
        splay,
        autoRemediation,
        allow,
        maxChangesPerCycle,
        reportsKeep,
        reportsMaxAge,
        metricsTextfile,
        metricsListen,
        topDestinations,
        scope);
  }
}
