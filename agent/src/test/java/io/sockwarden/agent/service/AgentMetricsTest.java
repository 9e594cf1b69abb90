package io.sockwarden.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.agent.core.NamespaceScan;
import io.sockwarden.agent.core.NamespacesScan;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.NetworkNamespace;
import io.sockwarden.model.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The metrics as Prometheus text, rendered from scans built in memory. */
class AgentMetricsTest {
  private static AgentMetrics.Observation hostOnly() {
    return new AgentMetrics.Observation(
        ScanFixtures.linux("net:[4026531840]", 128, 20000, true),
        Optional.empty(),
        Severity.WARNING,
        true,
        0.25,
        1_795_422_000.0,
        Map.of("applied", 2L));
  }

  private static String text(AgentMetrics metrics) throws Exception {
    return new String(metrics.text(), StandardCharsets.UTF_8);
  }

  private static String resource(String name) throws Exception {
    try (var in = AgentMetricsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The agent's own namespace only: the series as they have always been, byte for byte. */
  @Test
  void theHostOnlyScanRendersExactlyAsBefore() throws Exception {
    AgentMetrics metrics = new AgentMetrics(10, "0.1.0-test");
    metrics.observe(hostOnly());
    assertThat(text(metrics)).isEqualTo(resource("host-only.prom"));
  }

  @Test
  void beforeTheFirstCycleOnlyTheBuildIsPublished() throws Exception {
    assertThat(text(new AgentMetrics(10, "v")))
        .contains("sockwarden_build_info{version=\"v\"} 1")
        .doesNotContain("sockwarden_scan_success");
  }

  static final NetworkNamespace HOST =
      new NetworkNamespace(
          4026531840L,
          "host",
          NetworkNamespace.Kind.HOST,
          "/proc/1/ns/net",
          List.of(1),
          Optional.empty());
  static final NetworkNamespace WEB =
      new NetworkNamespace(
          4026532301L,
          "docker:web",
          NetworkNamespace.Kind.CONTAINER,
          "/proc/4242/ns/net",
          List.of(4242),
          Optional.of("0123abcd"));
  static final NetworkNamespace GONE =
      new NetworkNamespace(
          4026532302L,
          "sleep[777]",
          NetworkNamespace.Kind.PROCESS,
          "/proc/777/ns/net",
          List.of(777),
          Optional.empty());

  /** The host (somaxconn 128, 20000 ports to one destination) and the web container's scans. */
  private static AgentMetrics.Observation namespaces(boolean withWeb) {
    Scan host = ScanFixtures.linux(HOST.link(), 128, 20000, true);
    List<NamespaceScan> parts = new ArrayList<>();
    parts.add(new NamespaceScan(HOST, Optional.of(host), Optional.empty()));
    if (withWeb) {
      parts.add(
          new NamespaceScan(
              WEB,
              Optional.of(ScanFixtures.linux(WEB.link(), 4096, 25000, false)),
              Optional.empty()));
    }
    parts.add(
        new NamespaceScan(
            GONE,
            Optional.empty(),
            Optional.of(new CollectionProblem(GONE.entry(), "disappeared before it was scanned"))));
    return new AgentMetrics.Observation(
        host,
        Optional.of(new NamespacesScan(ScanFixtures.AT, parts, List.of("docker:db"))),
        Severity.WARNING,
        true,
        0.5,
        1_795_422_000.0,
        Map.of());
  }

  /** The sample lines of {@code text} (no comments) that belong to {@code family}. */
  private static List<String> samples(String text, String family) {
    return text.lines()
        .filter(l -> l.startsWith(family + "{") || l.startsWith(family + " "))
        .toList();
  }

  @Test
  void everyNamespaceSeriesNamesItsNamespaceAndHostWideSeriesDoNot() throws Exception {
    AgentMetrics metrics = new AgentMetrics(10, "v");
    metrics.observe(namespaces(true));
    String text = text(metrics);

    String host = "netns=\"4026531840\",netns_label=\"host\"";
    String web = "netns=\"4026532301\",netns_label=\"docker:web\"";
    assertThat(text)
        .contains(
            "sockwarden_findings{" + host + ",rule=\"LNX-SOMAXCONN-LOW\",severity=\"warning\"} 1.0")
        .doesNotContain("sockwarden_findings{" + web)
        .contains("sockwarden_sysctl_value{key=\"net.core.somaxconn\"," + host + "} 128.0")
        .contains("sockwarden_sysctl_value{key=\"net.core.somaxconn\"," + web + "} 4096.0")
        .contains("sockwarden_sysctl_value{key=\"fs.file-max\"} 2000000.0")
        .contains("sockwarden_tcp_stat_total{name=\"ListenOverflows\"," + web + "} 12.0")
        .contains("sockwarden_tcp_sockets{" + web + ",state=\"ESTABLISHED\"} 25003.0")
        .contains("sockwarden_ephemeral_ports_usable{" + host + "} 28232.0")
        .contains(
            "sockwarden_rules_unevaluated{cause=\"not applicable\","
                + web
                + ",rule=\"WIN-MAXUSERPORT\"} 1.0")
        .contains(
            "sockwarden_listener_queue_fill_ratio{listener=\"0.0.0.0:8080\"," + web + "} 0.75")
        .contains(
            "sockwarden_destination_ports_held{destination=\"10.0.0.5:5432\"," + host + "} 20000.0")
        .contains("sockwarden_namespaces{state=\"scanned\"} 2.0")
        .contains("sockwarden_namespaces{state=\"missing\"} 1.0")
        .contains("sockwarden_namespaces{state=\"unmatched\"} 1.0")
        .contains("sockwarden_namespace_info{kind=\"container\"," + web + "} 1")
        .contains("sockwarden_namespace_info{kind=\"host\"," + host + "} 1")
        .doesNotContain("sleep[777]")
        .doesNotContain("4026532302")
        .contains("sockwarden_verdict{verdict=\"findings\"} 1.0")
        .contains("sockwarden_scan_success 1.0");

    Set<String> perNamespace =
        Set.of(
            "sockwarden_findings",
            "sockwarden_rules_unevaluated",
            "sockwarden_ephemeral_ports_usable",
            "sockwarden_tcp_stat_total",
            "sockwarden_tcp_sockets",
            "sockwarden_destination_ephemeral_usage_ratio",
            "sockwarden_destination_ports_held",
            "sockwarden_listener_queue_fill_ratio",
            "sockwarden_namespace_info");
    for (String family : perNamespace) {
      assertThat(samples(text, family))
          .as(family)
          .isNotEmpty()
          .allMatch(l -> l.contains("netns=\"") && l.contains("netns_label=\""));
    }
    for (String family :
        List.of(
            "sockwarden_build_info",
            "sockwarden_scan_success",
            "sockwarden_scan_duration_seconds",
            "sockwarden_last_scan_timestamp_seconds",
            "sockwarden_verdict",
            "sockwarden_namespaces")) {
      assertThat(samples(text, family)).as(family).isNotEmpty().noneMatch(l -> l.contains("netns"));
    }
    assertThat(samples(text, "sockwarden_sysctl_value"))
        .allMatch(l -> l.contains("key=\"net.") == l.contains("netns="));
  }

  @Test
  void theFullestDestinationsAndListenersAreChosenAcrossNamespaces() throws Exception {
    AgentMetrics metrics = new AgentMetrics(1, "v");
    metrics.observe(namespaces(true));
    String text = text(metrics);
    // 25000 ports held in the container beat 20000 on the host; both listeners are 6 of 8 full,
    // and the one of the two that stays is one of them, not both.
    assertThat(samples(text, "sockwarden_destination_ports_held"))
        .containsExactly(
            "sockwarden_destination_ports_held{destination=\"10.0.0.5:5432\",netns=\"4026532301\",netns_label=\"docker:web\"} 25000.0");
    assertThat(samples(text, "sockwarden_destination_ephemeral_usage_ratio")).hasSize(1);
    assertThat(samples(text, "sockwarden_listener_queue_fill_ratio")).hasSize(1);
  }

  @Test
  void aNamespaceThatIsGoneLosesItsSeriesAtTheNextCycle() throws Exception {
    AgentMetrics metrics = new AgentMetrics(10, "v");
    metrics.observe(namespaces(true));
    assertThat(text(metrics)).contains("docker:web");
    metrics.observe(namespaces(false));
    String after = text(metrics);
    assertThat(after).doesNotContain("docker:web").doesNotContain("4026532301");
    assertThat(after).contains("sockwarden_namespaces{state=\"scanned\"} 1.0");
  }

  @Test
  void aFailedCycleKeepsTheLastSuccessfulNamespacesSeries() throws Exception {
    AgentMetrics metrics = new AgentMetrics(10, "v");
    AgentMetrics.Observation ok = namespaces(true);
    metrics.observe(ok);
    metrics.observe(
        new AgentMetrics.Observation(
            ok.scan(), ok.namespaces(), Severity.WARNING, false, 0.1, 1_795_422_900.0, Map.of()));
    assertThat(text(metrics))
        .contains("sockwarden_scan_success 0.0")
        .contains("netns_label=\"docker:web\"");
  }
}
