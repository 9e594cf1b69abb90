package io.sockwarden.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.agent.AgentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSectionTest {
  @TempDir Path dir;

  private AgentConfig load(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("agent.yaml"), yaml);
    return new ConfigLoader(ConfigLoaderTest.OWNER_WRITABLE_ONLY, dir.resolve("rules.d"))
        .load(file, true);
  }

  private String error(String yaml) {
    assertThatThrownBy(() -> load(yaml)).isInstanceOf(AgentException.class);
    try {
      load(yaml);
      return "";
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  @Test
  void defaultsScanEveryFifteenMinutesAndOnlyReport() throws Exception {
    ServiceSettings s = load("fail-on: warning\n").service();
    assertThat(s.every()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.splay()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.autoRemediation()).isFalse();
    assertThat(s.metricsTextfile()).isEmpty();
    assertThat(s.metricsListen()).isEmpty();
  }

  @Test
  void readsEveryServiceKey() throws Exception {
    ServiceSettings s =
        load(String.join(
                "\n",
                "schedule: {every: 1h, splay: 5m}",
                "remediation:",
                "  mode: auto",
                "  allow: [LNX-SOMAXCONN-LOW, LNX-SYNCOOKIES-OFF]",
                "  max-changes-per-cycle: 2",
                "reports: {keep: 10, max-age-days: 3}",
                "metrics:",
                "  textfile: /var/lib/node_exporter/textfile/sockwarden.prom",
                "  listen: 127.0.0.1:9464",
                "  top-destinations: 5",
                ""))
            .service();
    assertThat(s.every()).isEqualTo(Duration.ofHours(1));
    assertThat(s.splay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.autoRemediation()).isTrue();
    assertThat(s.allow()).containsExactlyInAnyOrder("LNX-SOMAXCONN-LOW", "LNX-SYNCOOKIES-OFF");
    assertThat(s.maxChangesPerCycle()).isEqualTo(2);
    assertThat(s.reportsKeep()).isEqualTo(10);
    assertThat(s.reportsMaxAge()).isEqualTo(Duration.ofDays(3));
    assertThat(s.metricsTextfile())
        .contains(Path.of("/var/lib/node_exporter/textfile/sockwarden.prom"));
    assertThat(s.metricsListen().orElseThrow().getPort()).isEqualTo(9464);
    assertThat(s.topDestinations()).isEqualTo(5);
  }

  @Test
  void aShortIntervalShortensTheDefaultSplay() throws Exception {
    assertThat(load("schedule: {every: 30s}\n").service().splay())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void badValuesNameTheFileAndKey() {
    assertThat(error("schedule: {every: 5x}\n")).contains("agent.yaml: schedule.every = '5x'");
    assertThat(error("schedule: {every: 2s}\n")).contains("out of range 10s..24h");
    assertThat(error("schedule: {every: 1m, splay: 2m}\n")).contains("must not exceed");
    assertThat(error("remediation: {mode: sometimes}\n")).contains("expected report or auto");
    assertThat(error("remediation: {mode: auto}\n")).contains("remediation.allow names no rule");
    assertThat(error("remediation: {allow: [somaxconn]}\n"))
        .contains("'somaxconn' is not a rule id");
    assertThat(error("metrics: {textfile: relative.prom}\n")).contains("absolute path");
    assertThat(error("metrics: {textfile: /x/metrics.txt}\n")).contains("ending in .prom");
    assertThat(error("metrics: {listen: localhost}\n")).contains("expected HOST:PORT");
    assertThat(error("reports: {keep: 0}\n")).contains("reports.keep = 0");
    assertThat(error("schedule:\n  every: 15m\n  when: never\n"))
        .contains("agent.yaml:3:")
        .contains("unknown key 'schedule.when'");
  }

  @Test
  void namespacesDefaultToTheAgentsOwn() throws Exception {
    assertThat(load("fail-on: warning\n").service().namespaces()).isEqualTo(NamespaceScope.HOST);
    assertThat(load("namespaces: host\n").service().namespaces().hostOnly()).isTrue();
  }

  @Test
  void namespacesAllOrAListOfLabelsAndInodes() throws Exception {
    assertThat(load("namespaces: all\n").service().namespaces()).isEqualTo(NamespaceScope.ALL);
    assertThat(load("namespaces: ALL\n").service().namespaces().all()).isTrue();
    NamespaceScope listed =
        load(String.join(
                "\n",
                "namespaces:",
                "  - docker:web",
                "  - k8s:shop/cart-7d9f",
                "  - 4026532301",
                "  - 'net:[4026532302]'",
                "  - docker:web",
                ""))
            .service()
            .namespaces();
    assertThat(listed.all()).isFalse();
    assertThat(listed.labels())
        .as("in the order written, once each; an inode written as a number is its digits")
        .containsExactly("docker:web", "k8s:shop/cart-7d9f", "4026532301", "net:[4026532302]");
    assertThat(load("namespaces: [blue]\n").service().namespaces().labels())
        .containsExactly("blue");
  }

  @Test
  void badNamespacesNameTheFileLineAndKey() {
    assertThat(error("fail-on: info\nnamespaces: 7\n"))
        .contains("agent.yaml:2: namespaces: '7': expected all, host, or a list");
    assertThat(error("namespaces: sometimes\n"))
        .contains("agent.yaml:1: namespaces: 'sometimes': expected all, host");
    assertThat(error("namespaces: []\n"))
        .contains("agent.yaml:1: namespaces: an empty list names no namespace");
    assertThat(error("namespaces:\n  - docker:web\n  - ''\n"))
        .contains("agent.yaml:3: namespaces: item 2 is empty");
    assertThat(error("namespaces:\n  - docker:web\n  - {name: x}\n"))
        .contains("agent.yaml:3: namespaces: item 2 is not a label");
    assertThat(error("namespaces: [docker:web, all]\n")).contains("write namespaces: all");
    assertThat(error("namespaces: {all: true}\n"))
        .contains("namespaces: a mapping: expected all, host");
  }

  @Test
  void aBadNamespacesValueIsAConfigurationError() {
    assertThatThrownBy(() -> load("namespaces: 7\n"))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> assertThat(e.failure()).isEqualTo(io.sockwarden.agent.Failure.INVALID));
  }
}
