package io.sockwarden.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.FakeHost;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.config.NamespaceScope;
import io.sockwarden.agent.config.ServiceSettings;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.core.Platforms;
import io.sockwarden.agent.core.Verdict;
import io.sockwarden.agent.journal.Checkpoints;
import io.sockwarden.agent.journal.Journal;
import io.sockwarden.agent.journal.JournalEntry;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.DurableFiles;
import io.sockwarden.model.HostConventions;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.Platform;
import io.sockwarden.model.Remediation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's cycle and loop against a proc tree of plain files. */
class AgentServiceTest {
  static final RuleEngine ENGINE = RuleEngine.builtIn();
  @TempDir Path dir;
  FakeHost host;
  HostSession session;

  @BeforeEach
  void setUp() {
    host = new FakeHost(dir);
    session =
        HostSession.open(
            Platforms.current(),
            new CollectionContext(host.proc, host.root, host.state),
            Clock.systemUTC(),
            Checkpoints.NONE);
  }

  AgentConfig config(ServiceSettings service) {
    return AgentConfig.defaults(host.rules).withService(service);
  }

  AgentService service(ServiceSettings settings) {
    return service(() -> new AgentService.Loaded(config(settings), ENGINE));
  }

  AgentService service(AgentService.Loader loader) {
    return new AgentService(session, loader, Clock.systemUTC(), ZoneOffset.UTC, "test");
  }

  @Test
  void aCycleWritesTheReportLatestAndTheTextfileAndOwnsTheCounterWindow() throws Exception {
    host.sysctl("net.core.somaxconn", "128");
    Path textfile = dir.resolve("textfile/sockwarden.prom");
    Files.createDirectories(textfile.getParent());
    AgentService service = service(ServiceSettings.DEFAULTS.withMetricsTextfile(textfile));

    AgentService.CycleResult result = service.cycle();

    assertThat(result.verdict()).contains(Verdict.FINDINGS);
    assertThat(result.message()).startsWith("scan: findings, 1 findings (1 warning)");
    Path reports = host.state.resolve("reports");
    JsonNode latest = new ObjectMapper().readTree(reports.resolve("latest.json").toFile());
    assertThat(latest.get("verdict").asText()).isEqualTo("findings");
    try (Stream<Path> files = Files.list(reports)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.matches("\\d{8}T\\d{6}Z\\.json"));
    }
    assertThat(host.state.resolve("counters.json")).exists();
    String metrics = Files.readString(textfile);
    assertThat(metrics)
        .contains("sockwarden_findings{rule=\"LNX-SOMAXCONN-LOW\",severity=\"warning\"} 1.0")
        .contains("sockwarden_scan_success 1.0")
        .contains("sockwarden_sysctl_value{key=\"net.core.somaxconn\"} 128.0")
        .contains("sockwarden_verdict{verdict=\"findings\"} 1.0");
    assertThat(Files.getPosixFilePermissions(textfile).toString()).contains("OTHERS_READ");
  }

  @Test
  void aFailedScanIsReportedInMetricsAndTheServiceGoesOn() throws Exception {
    Path textfile = dir.resolve("m.prom");
    AgentService service = service(ServiceSettings.DEFAULTS.withMetricsTextfile(textfile));
    assertThat(service.cycle().verdict()).contains(Verdict.COMPLIANT);
    try (Stream<Path> sys = Files.walk(host.proc.resolve("sys"))) {
      sys.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    AgentService.CycleResult failed = service.cycle();
    assertThat(failed.scan()).isEmpty();
    assertThat(failed.message()).contains("cycle failed").contains("no live setting");
    assertThat(Files.readString(textfile)).contains("sockwarden_scan_success 0.0");
  }

  @Test
  void oldReportsArePrunedByCount() throws Exception {
    ReportStore store = new ReportStore(host.state, DurableFiles.posix());
    java.time.Instant t = java.time.Instant.parse("2026-11-23T08:00:00Z");
    for (int i = 0; i < 5; i++) {
      store.write("{}", t.plusSeconds(60L * i));
    }
    assertThat(store.prune(2, Duration.ofDays(7), t.plusSeconds(600))).isEqualTo(3);
    try (Stream<Path> files = Files.list(store.directory())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "20261123T080300Z.json", "20261123T080400Z.json", "latest.json");
    }
  }

  @Test
  void automaticRemediationFixesAnAllowedRuleOnceAndBacksOffWhenOverridden() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "SKIPPED: applying changes needs root, and this test runs as "
            + System.getProperty("user.name"));
    host.sysctl("net.core.somaxconn", "128").sysctl("net.ipv4.tcp_syncookies", "0");
    ServiceSettings auto =
        new ServiceSettings(
            Duration.ofMinutes(15),
            Duration.ZERO,
            true,
            Set.of("LNX-SOMAXCONN-LOW"),
            5,
            96,
            Duration.ofDays(7),
            Optional.empty(),
            Optional.empty(),
            10,
            NamespaceScope.HOST);
    AgentService service = service(auto);

    service.cycle();
    assertThat(Files.readString(host.proc.resolve("sys/net/core/somaxconn"))).isEqualTo("4096\n");
    assertThat(Files.readString(host.proc.resolve("sys/net/ipv4/tcp_syncookies")))
        .as("not on the allow-list")
        .isEqualTo("0\n");
    List<JournalEntry> journal = new Journal(host.state, DurableFiles.posix()).entries();
    assertThat(journal)
        .singleElement()
        .satisfies(e -> assertThat(e.user()).isEqualTo(AutoRemediation.ACTOR));

    // An administrator sets it back: the agent reports it and does not fight.
    host.sysctl("net.core.somaxconn", "128");
    AgentService.CycleResult next = service.cycle();
    assertThat(next.scan().orElseThrow().findings())
        .anyMatch(f -> f.ruleId().equals("LNX-SOMAXCONN-LOW"));
    assertThat(Files.readString(host.proc.resolve("sys/net/core/somaxconn"))).isEqualTo("128\n");
    assertThat(new Journal(host.state, DurableFiles.posix()).entries()).hasSize(1);
  }

  @Test
  void theLoopStopsOnRequestAndAnInvalidReloadKeepsTheOldConfiguration() throws Exception {
    AtomicBoolean broken = new AtomicBoolean();
    AtomicInteger loads = new AtomicInteger();
    AgentService service =
        service(
            () -> {
              loads.incrementAndGet();
              if (broken.get()) {
                throw new AgentException(Failure.INVALID, "agent.yaml:3: bad");
              }
              return new AgentService.Loaded(config(ServiceSettings.DEFAULTS), ENGINE);
            });
    Thread loop = new Thread(service::run, "service-loop");
    loop.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!Files.exists(host.state.resolve("reports/latest.json"))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(host.state.resolve("reports/latest.json")).exists();
    broken.set(true);
    service.requestReload();
    deadline = System.nanoTime() + 5_000_000_000L;
    while (loads.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(loads.get()).isEqualTo(2);
    assertThat(loop.isAlive()).isTrue();
    assertThat(service.settings().every()).isEqualTo(Duration.ofMinutes(15));
    service.requestStop();
    loop.join(5_000);
    assertThat(loop.isAlive()).isFalse();
  }

  /**
   * A second network namespace in the proc tree: a process in it. It cannot be entered (the tree is
   * not the live /proc), so a scan of every namespace reports it as not scanned.
   */
  private void otherNamespaceProcess() throws Exception {
    Path own = host.proc.resolve("1");
    Files.createDirectories(own.resolve("ns"));
    Files.createSymbolicLink(own.resolve("ns/net"), Path.of("net:[4026531999]"));
    Files.writeString(own.resolve("comm"), "init\n");
    Path other = host.proc.resolve("2");
    Files.createDirectories(other.resolve("ns"));
    Files.createSymbolicLink(other.resolve("ns/net"), Path.of("net:[4026532555]"));
    Files.writeString(other.resolve("comm"), "sleep\n");
  }

  @Test
  void namespacesOnAPlatformWithoutThemIsRefusedAtStartAndReloadKeepsTheOldConfiguration() {
    Platform linux = Platforms.current();
    Platform without =
        new Platform() {
          @Override
          public String name() {
            return "plain";
          }

          @Override
          public boolean supportsCurrentHost() {
            return true;
          }

          @Override
          public HostFacts collect(CollectionContext context) {
            return linux.collect(context);
          }

          @Override
          public Remediation remediation(CollectionContext context) {
            return linux.remediation(context);
          }

          @Override
          public HostConventions conventions() {
            return linux.conventions();
          }
        };
    session =
        HostSession.open(
            without,
            new CollectionContext(host.proc, host.root, host.state),
            Clock.systemUTC(),
            Checkpoints.NONE);
    ServiceSettings all = ServiceSettings.DEFAULTS.withNamespaces(NamespaceScope.ALL);
    assertThatThrownBy(() -> service(all))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("namespaces: plain has no network namespaces to scan")
        .extracting(e -> ((AgentException) e).failure())
        .isEqualTo(Failure.INVALID);

    boolean[] asked = {false};
    AgentService service =
        service(
            () -> {
              ServiceSettings settings = asked[0] ? all : ServiceSettings.DEFAULTS;
              asked[0] = true;
              return new AgentService.Loaded(config(settings), ENGINE);
            });
    service.reload();
    assertThat(service.settings().namespaces().hostOnly()).isTrue();
    assertThat(service.cycle().verdict()).isPresent();
  }

  @Test
  void withNamespacesAllACycleReportsEveryNamespaceAndOneNotScannedDoesNotFailIt()
      throws Exception {
    otherNamespaceProcess();
    host.sysctl("net.core.somaxconn", "128");
    Path textfile = dir.resolve("m.prom");
    AgentService service =
        service(
            ServiceSettings.DEFAULTS
                .withMetricsTextfile(textfile)
                .withNamespaces(NamespaceScope.ALL));

    AgentService.CycleResult result = service.cycle();

    assertThat(result.verdict()).contains(Verdict.FINDINGS);
    assertThat(result.scan()).isPresent();
    assertThat(result.namespaces().orElseThrow().missing()).hasSize(1);
    assertThat(result.message())
        .startsWith("scan: findings, 1 findings (1 warning) in 1 namespace (1 missing), ");
    JsonNode latest =
        new ObjectMapper().readTree(host.state.resolve("reports/latest.json").toFile());
    assertThat(latest.get("kind").asText()).isEqualTo("namespaceScan");
    assertThat(latest.get("namespaces")).hasSize(2);
    assertThat(latest.get("namespaces").get(0).get("namespace").get("label").asText())
        .isEqualTo("host");
    assertThat(latest.get("namespaces").get(1).get("scanned").asBoolean()).isFalse();
    assertThat(latest.get("namespaces").get(1).get("namespace").get("label").asText())
        .isEqualTo("sleep[2]");
    assertThat(host.state.resolve("counters.json"))
        .as("the window is still the service's")
        .exists();
    assertThat(Files.readString(textfile))
        .contains(
            "sockwarden_findings{netns=\"4026531999\",netns_label=\"host\","
                + "rule=\"LNX-SOMAXCONN-LOW\",severity=\"warning\"} 1.0")
        .contains("sockwarden_namespaces{state=\"scanned\"} 1.0")
        .contains("sockwarden_namespaces{state=\"missing\"} 1.0")
        .contains("sockwarden_scan_success 1.0")
        .doesNotContain("4026532555");
  }

  @Test
  void aLabelThatNamesNoNamespaceIsReportedNotFailed() throws Exception {
    otherNamespaceProcess();
    Path textfile = dir.resolve("m.prom");
    AgentService service =
        service(
            ServiceSettings.DEFAULTS
                .withMetricsTextfile(textfile)
                .withNamespaces(NamespaceScope.of(List.of("docker:db"))));

    AgentService.CycleResult result = service.cycle();

    assertThat(result.verdict()).contains(Verdict.COMPLIANT);
    assertThat(result.namespaces().orElseThrow().unmatched()).containsExactly("docker:db");
    assertThat(result.message()).contains("in 1 namespace (unmatched: docker:db)");
    JsonNode latest =
        new ObjectMapper().readTree(host.state.resolve("reports/latest.json").toFile());
    assertThat(latest.get("unmatched").get(0).asText()).isEqualTo("docker:db");
    assertThat(latest.get("namespaces"))
        .as("the agent's own only: sleep[2] was not asked for")
        .hasSize(1);
    assertThat(Files.readString(textfile))
        .contains("sockwarden_namespaces{state=\"unmatched\"} 1.0")
        .contains("sockwarden_namespaces{state=\"missing\"} 0.0");
  }

  @Test
  void reloadingBackToTheHostOnlyDropsTheNamespaceLabels() throws Exception {
    otherNamespaceProcess();
    AtomicReference<NamespaceScope> scope = new AtomicReference<>(NamespaceScope.ALL);
    AgentService service =
        service(
            () ->
                new AgentService.Loaded(
                    config(ServiceSettings.DEFAULTS.withNamespaces(scope.get())), ENGINE));
    service.cycle();
    assertThat(new String(service.metrics().text(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("netns_label=\"host\"");

    scope.set(NamespaceScope.HOST);
    service.reload();
    AgentService.CycleResult result = service.cycle();

    assertThat(result.namespaces()).isEmpty();
    assertThat(result.message()).startsWith("scan: compliant, no findings, ");
    String text = new String(service.metrics().text(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text)
        .doesNotContain("netns")
        .doesNotContain("sockwarden_namespace")
        .contains("sockwarden_sysctl_value{key=\"net.core.somaxconn\"} 4096.0");
    JsonNode latest =
        new ObjectMapper().readTree(host.state.resolve("reports/latest.json").toFile());
    assertThat(latest.get("kind").asText()).isEqualTo("scan");
  }
}
