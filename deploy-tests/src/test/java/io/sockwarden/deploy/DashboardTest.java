package io.sockwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/sockwarden.json without a server: importable (the data source is a variable),
 * filterable by host and OS, and built from documented metrics only. {@link
 * FleetDashboardNetnsTest} runs its queries.
 */
class DashboardTest {
  static JsonNode dashboard() throws Exception {
    return new ObjectMapper()
        .readTree(FleetTools.repo().resolve("deploy/grafana/sockwarden.json").toFile());
  }

  /** Every query target of every panel, with the panel's title. */
  static List<String[]> targets(JsonNode dashboard) {
    List<String[]> all = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        all.add(new String[] {panel.path("title").asText(), target.path("expr").asText()});
      }
    }
    return all;
  }

  @Test
  void dataSourceHostAndOsAreTemplateVariables() throws Exception {
    JsonNode d = dashboard();
    Set<String> vars = new TreeSet<>();
    for (JsonNode v : d.path("templating").path("list")) {
      vars.add(v.path("name").asText());
    }
    assertThat(vars).contains("datasource", "instance", "os", "window");
    assertThat(d.path("id").isMissingNode() || d.path("id").isNull()).isTrue();
    for (JsonNode panel : d.path("panels")) {
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText())
          .as(panel.path("title").asText())
          .isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      for (JsonNode t : panel.path("targets")) {
        assertThat(t.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        assertThat(t.path("expr").asText())
            .as(panel.path("title").asText())
            .contains("instance=~\"$instance\"", "os=~\"$os\"");
      }
    }
  }

  @Test
  void panelsCoverTheFleetViews() throws Exception {
    List<String> titles = new ArrayList<>();
    for (JsonNode panel : dashboard().path("panels")) {
      titles.add(panel.path("title").asText());
    }
    assertThat(titles)
        .contains(
            "Hosts by worst severity",
            "Findings by rule",
            "Top destinations by port pressure",
            "Accept-queue overflows per second",
            "TIME_WAIT sockets",
            "Boot drift",
            "Transactions by state");
  }

  @Test
  void queriesUseOnlyDocumentedMetrics() throws Exception {
    Set<String> used = new TreeSet<>();
    for (String[] t : targets(dashboard())) {
      used.addAll(DocumentedMetrics.usedIn(t[1]));
    }
    assertThat(used).isNotEmpty();
    assertThat(DocumentedMetrics.names()).containsAll(used);
  }
}
