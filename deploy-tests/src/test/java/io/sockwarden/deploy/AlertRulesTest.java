package io.sockwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/prometheus: the alerting rules are valid, unit-tested, and use documented metrics. */
class AlertRulesTest {
  private final Path rulesDir = FleetTools.repo().resolve("deploy/prometheus");
  private final Path rules = rulesDir.resolve("sockwarden.rules.yml");
  private final Path unitTests = rulesDir.resolve("sockwarden.rules.test.yml");

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    Path promtool = FleetTools.tool("promtool", "prometheus");
    FleetTools.Result r =
        FleetTools.run(
            rulesDir, 60, List.of(promtool.toString(), "check", "rules", rules.toString()));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    Path promtool = FleetTools.tool("promtool", "prometheus");
    FleetTools.Result r =
        FleetTools.run(
            rulesDir, 120, List.of(promtool.toString(), "test", "rules", unitTests.toString()));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasUnitTestsSummaryAndDescription() throws Exception {
    String text = Files.readString(rules);
    String tests = Files.readString(unitTests);
    List<String> alerts = new ArrayList<>();
    Matcher m = Pattern.compile("- alert: (\\w+)").matcher(text);
    while (m.find()) {
      alerts.add(m.group(1));
    }
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(8);
    for (String alert : alerts) {
      assertThat(tests).as("unit tests of " + alert).contains("alertname: " + alert + "\n");
    }
    assertThat(text.split("- alert: "))
        .allSatisfy(
            block -> {
              if (!block.startsWith("#") && !block.startsWith("groups")) {
                assertThat(block).contains("summary: ").contains("description: ");
              }
            });
  }

  @Test
  void rulesUseOnlyDocumentedMetrics() throws Exception {
    assertThat(DocumentedMetrics.names())
        .containsAll(DocumentedMetrics.usedIn(Files.readString(rules)));
  }
}
