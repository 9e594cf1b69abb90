package io.sockwarden.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.agent.cli.ExitCodes;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.config.NamespaceScope;
import io.sockwarden.agent.config.ServiceSettings;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.core.Platforms;
import io.sockwarden.agent.journal.Checkpoints;
import io.sockwarden.agent.service.AgentService;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.testing.HeldNetns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sockwarden run} with {@code namespaces: all} on the live host: the service's cycles see
 * namespaces the test made (a process held with {@code unshare -n}, a name added with {@code ip
 * netns add}), publish their series with their labels, and drop them at the first cycle after they
 * are gone. Only the test's namespaces are written; the host's are only read.
 */
@EnabledOnOs(OS.LINUX)
class RunAllNamespacesInNetnsTest {
  @TempDir Path dir;
  Path root;
  Path state;
  Path textfile;

  @BeforeEach
  void setUp() throws Exception {
    HeldNetns.assumeAvailable();
    root = Files.createDirectories(dir.resolve("root"));
    // `ip netns` names live in the real /run/netns; the configuration files stay the test's own.
    Files.createSymbolicLink(root.resolve("run"), Path.of("/run"));
    state = dir.resolve("state");
    textfile = dir.resolve("metrics/sockwarden.prom");
    Files.createDirectories(textfile.getParent());
  }

  private AgentService service() {
    HostSession session =
        HostSession.open(
            Platforms.current(),
            new CollectionContext(Path.of("/proc"), root, state),
            Clock.systemUTC(),
            Checkpoints.NONE);
    ServiceSettings settings =
        ServiceSettings.DEFAULTS.withMetricsTextfile(textfile).withNamespaces(NamespaceScope.ALL);
    AgentConfig config = AgentConfig.defaults(dir.resolve("rules.d")).withService(settings);
    return new AgentService(
        session,
        () -> new AgentService.Loaded(config, RuleEngine.builtIn()),
        Clock.systemUTC(),
        ZoneOffset.UTC,
        "test");
  }

  private static String labels(long inode, String label) {
    return "netns=\"" + inode + "\",netns_label=\"" + label + "\"";
  }

  @Test
  void aCycleSeesTheTestsNamespacesAndTheNextDropsTheirSeriesOnceTheyAreGone() throws Exception {
    try (HeldNetns ns = new HeldNetns()) {
      HeldNetns.Held held = ns.hold("echo 128 > /proc/sys/net/core/somaxconn");
      long heldInode = Long.parseLong(held.link().replaceAll("\\D", ""));
      String heldLabel = "sleep[" + held.pid() + "]";
      String named = ns.add("svc");
      ns.exec(named, "echo 0 > /proc/sys/net/ipv4/tcp_syncookies");
      long namedInode = (Long) Files.getAttribute(Path.of("/run/netns", named), "unix:ino");

      AgentService service = service();
      AgentService.CycleResult first = service.cycle();

      assertThat(first.namespaces()).as(first.message()).isPresent();
      String metrics = Files.readString(textfile);
      assertThat(metrics)
          .contains(
              "sockwarden_findings{"
                  + labels(heldInode, heldLabel)
                  + ",rule=\"LNX-SOMAXCONN-LOW\",severity=\"warning\"} 1.0")
          .contains(
              "sockwarden_sysctl_value{key=\"net.core.somaxconn\","
                  + labels(heldInode, heldLabel)
                  + "} 128.0")
          .contains(
              "sockwarden_findings{"
                  + labels(namedInode, named)
                  + ",rule=\"LNX-SYNCOOKIES-OFF\",severity=\"warning\"} 1.0")
          .contains("sockwarden_namespace_info{kind=\"named\"," + labels(namedInode, named) + "} 1")
          .contains("sockwarden_sysctl_value{key=\"fs.nr_open\"} ")
          .contains("netns_label=\"host\"")
          .contains("sockwarden_scan_success 1.0");
      JsonNode report = new ObjectMapper().readTree(state.resolve("reports/latest.json").toFile());
      assertThat(report.get("kind").asText()).isEqualTo("namespaceScan");
      assertThat(report.toString()).contains(heldLabel).contains(named);

      ns.stop(held);
      ns.delete(named);
      AgentService.CycleResult second = service.cycle();

      assertThat(second.verdict()).as(second.message()).isPresent();
      String after = Files.readString(textfile);
      assertThat(after)
          .doesNotContain(Long.toString(heldInode))
          .doesNotContain(heldLabel)
          .doesNotContain(Long.toString(namedInode))
          .doesNotContain(named)
          .contains("netns_label=\"host\"")
          .contains("sockwarden_scan_success 1.0");
    }
  }

  @Test
  void runOnceWithNamespacesAllInTheConfigurationCoversThem() throws Exception {
    try (HeldNetns ns = new HeldNetns()) {
      HeldNetns.Held held = ns.hold("echo 128 > /proc/sys/net/core/somaxconn");
      Path config = Files.writeString(dir.resolve("agent.yaml"), "namespaces: all\n");
      Path rules = Files.createDirectories(dir.resolve("rules.d"));
      Path out = dir.resolve("out");
      Process p =
          new ProcessBuilder(
                  "sh",
                  "-c",
                  AgentProcesses.agentCommand(
                      "run",
                      "--once",
                      "--root",
                      root.toString(),
                      "--state-dir",
                      state.toString(),
                      "--config",
                      config.toString(),
                      "--rules-dir",
                      rules.toString(),
                      "--metrics-textfile",
                      textfile.toString()))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("run --once timed out");
      }
      String log = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(log).isEqualTo(ExitCodes.FINDINGS);
      assertThat(log).containsPattern("scan: findings, \\d+ findings \\(.*\\) in \\d+ namespaces");
      assertThat(Files.readString(textfile))
          .contains(
              "sockwarden_sysctl_value{key=\"net.core.somaxconn\",netns=\""
                  + held.link().replaceAll("\\D", "")
                  + "\",netns_label=\"sleep["
                  + held.pid()
                  + "]\"} 128.0");
      List<String> reports;
      try (var files = Files.list(state.resolve("reports"))) {
        reports = files.map(f -> f.getFileName().toString()).toList();
      }
      assertThat(reports).contains("latest.json");
    }
  }
}
