package io.sockwarden.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics as Prometheus text, rendered from scans built in memory. */
class AgentMetricsTest {
  private static AgentMetrics.Observation hostOnly() {
    return new AgentMetrics.Observation(
        ScanFixtures.linux("net:[4026531840]", 128, 20000, true),
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
}
