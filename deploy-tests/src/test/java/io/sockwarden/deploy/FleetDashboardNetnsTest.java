package io.sockwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sockwarden.agent.Main;
import io.sockwarden.testing.Netns;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard and the alerting rules against a real fleet of two: two {@code sockwarden run}
 * agents, each in its own network namespace ({@code unshare -n}) with its own problems, scraped by
 * a real Prometheus on loopback.
 *
 * <ul>
 *   <li><b>alpha</b>: {@code net.core.somaxconn=128} while its sysctl.d file says 4096 (boot
 *       drift), a listener with backlog 1 that overflows continuously, and one applied and rolled
 *       back transaction;
 *   <li><b>beta</b>: {@code tcp_syncookies=0}, a 100-port ephemeral range and 92 connections to one
 *       destination (20 of them in TIME_WAIT): critical port pressure.
 * </ul>
 *
 * Each agent writes its metrics textfile; a JDK HTTP server on loopback serves each file as its
 * target's /metrics (the agent's own HTTP server would listen inside its namespace, out of
 * Prometheus' reach). Every panel's query, with the template variables substituted as Grafana does,
 * must parse and return series, and each host's problem must show for it alone.
 */
@EnabledOnOs(OS.LINUX)
class FleetDashboardNetnsTest {
  private static final String HOSTS = "(alpha|beta)";

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();
  private final List<HttpServer> servers = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private int webPort;

  @AfterEach
  void stopWhatWasStarted() throws Exception {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : started) {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
    servers.forEach(s -> s.stop(0));
  }

  @Test
  void everyPanelQueryReturnsSeriesAndTellsTheTwoHostsApart() throws Exception {
    Path prometheus = FleetTools.tool("prometheus", "prometheus");
    Netns.assumeAvailable();
    long t0 = System.nanoTime();

    Path alpha =
        host(
            "alpha",
            "sysctl -q -w net.core.somaxconn=128",
            "net.core.somaxconn = 4096\n",
            List.of("apply --only LNX-SOMAXCONN-LOW --yes", "rollback --last"),
            "overflow 9090");
    Path beta =
        host(
            "beta",
            "sysctl -q -w net.ipv4.tcp_syncookies=0 'net.ipv4.ip_local_port_range=40000 40099'",
            null,
            List.of(),
            "hold 8080 92 20");
    int alphaPort = serve(alpha.resolve("sockwarden.prom"));
    int betaPort = serve(beta.resolve("sockwarden.prom"));
    startPrometheus(prometheus, alphaPort, betaPort);

    // Three scans of each agent scraped: counters have moved at least twice.
    await(
        "Prometheus to hold three scans of each agent",
        Duration.ofSeconds(120),
        () -> {
          List<Series> s = query("changes(sockwarden_last_scan_timestamp_seconds[1m]) >= 2");
          return s != null && s.size() == 2;
        });
    long ready = System.nanoTime();

    JsonNode dashboard = DashboardTest.dashboard();
    Map<String, List<Series>> byPanel = new TreeMap<>();
    int queries = 0;
    for (String[] target : DashboardTest.targets(dashboard)) {
      String expr = substitute(target[1], HOSTS);
      List<Series> result = query(expr);
      queries++;
      assertThat(result).as("panel '%s': %s", target[0], expr).isNotNull().isNotEmpty();
      for (Series s : result) {
        if (s.labels().containsKey("instance")) {
          assertThat(s.instance()).as(target[0]).isIn("alpha", "beta");
        }
      }
      byPanel.computeIfAbsent(target[0], k -> new ArrayList<>()).addAll(result);
    }

    // The template variables' own queries (Grafana's label_values) find both hosts and the OS.
    assertThat(labelValues("sockwarden_build_info", "os")).containsExactly("linux");
    assertThat(labelValues("sockwarden_build_info{os=~\"linux\"}", "instance"))
        .containsExactly("alpha", "beta");

    // Each host's own problem shows for it alone.
    assertThat(valueByInstance(byPanel.get("Hosts by worst severity")))
        .containsEntry("alpha", 2.0)
        .containsEntry("beta", 3.0);
    Map<String, Set<String>> rules = new TreeMap<>();
    for (Series s : byPanel.get("Findings per host")) {
      rules.computeIfAbsent(s.instance(), k -> new TreeSet<>()).add(s.labels().get("rule"));
    }
    assertThat(rules.get("alpha"))
        .containsExactlyInAnyOrder("LNX-SOMAXCONN-LOW", "LNX-BOOT-DRIFT", "LNX-LISTEN-OVERFLOW");
    assertThat(rules.get("beta"))
        .containsExactlyInAnyOrder(
            "LNX-SYNCOOKIES-OFF", "LNX-EPHEMERAL-RANGE-NARROW", "LNX-EPHEMERAL-PRESSURE");
    assertThat(
            byPanel.get("Top destinations by port pressure").stream()
                .filter(s -> s.value() >= 0.7)
                .map(s -> s.instance() + " " + s.labels().get("destination"))
                .toList())
        .containsExactly("beta 127.0.0.1:8080");
    Map<String, Double> overflows =
        valueByInstance(byPanel.get("Accept-queue overflows per second"));
    assertThat(overflows.get("alpha")).isPositive();
    assertThat(overflows.get("beta")).isZero();
    assertThat(valueByInstance(byPanel.get("TIME_WAIT sockets")))
        .containsOnlyKeys("beta")
        .hasEntrySatisfying("beta", n -> assertThat(n).isGreaterThanOrEqualTo(1.0));
    assertThat(instances(byPanel.get("Boot drift"))).containsExactly("alpha");
    assertThat(instances(byPanel.get("Transactions by state"))).containsExactly("alpha");
    assertThat(valueByInstance(byPanel.get("Usable ephemeral ports per host")))
        .containsEntry("beta", 100.0)
        .containsEntry("alpha", 28232.0);
    assertThat(
            byPanel.get("Queue settings").stream()
                .map(s -> s.instance() + " " + s.labels().get("key") + "=" + (long) s.value())
                .toList())
        .contains("alpha net.core.somaxconn=128", "beta net.ipv4.tcp_syncookies=0")
        .doesNotContain("beta net.core.somaxconn=128", "alpha net.ipv4.tcp_syncookies=0");

    // The host filter narrows every panel to the chosen host.
    for (String[] target : DashboardTest.targets(dashboard)) {
      List<Series> onlyBeta = query(substitute(target[1], "beta"));
      assertThat(onlyBeta).as(target[0]).isNotNull();
      assertThat(instances(onlyBeta)).as(target[0]).isSubsetOf(Set.of("beta"));
    }

    // The alerting rules, loaded by the same server, fire for the right host only.
    Map<String, Set<String>> alerts = new TreeMap<>();
    for (Series s : query("ALERTS")) {
      alerts
          .computeIfAbsent(s.labels().get("alertname"), k -> new TreeSet<>())
          .add(s.instance() + " " + s.labels().get("alertstate"));
    }
    assertThat(alerts)
        .containsEntry("SockwardenCriticalFinding", Set.of("beta firing"))
        .containsEntry("SockwardenEphemeralPortPressure", Set.of("beta pending"))
        .containsEntry("SockwardenBootDrift", Set.of("alpha firing"))
        .containsEntry("SockwardenAcceptQueueOverflows", Set.of("alpha firing"))
        .doesNotContainKeys(
            "SockwardenAgentNotReporting",
            "SockwardenAgentDown",
            "SockwardenTransactionFailedIncomplete",
            "SockwardenScanFailing");

    System.out.printf(
        "fleet test: %d panel queries; series per host %s; alerts %s; %d s to three scans of each"
            + " agent, %d s in all%n",
        queries,
        valueByInstance(query("count by (instance) ({__name__=~\"sockwarden_.*\"})")),
        alerts,
        (ready - t0) / 1_000_000_000,
        (System.nanoTime() - t0) / 1_000_000_000);
  }

  /**
   * Starts one host: a network namespace with {@code sysctls} set, an optional sysctl.d file under
   * its root, CLI commands run before the service, the socket load, then {@code sockwarden run}
   * writing its textfile. Returns the host's directory.
   */
  private Path host(
      String name, String sysctls, String sysctlFile, List<String> before, String load)
      throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    Path root = Files.createDirectories(home.resolve("root/etc/sysctl.d"));
    if (sysctlFile != null) {
      Files.writeString(root.resolve("60-net.conf"), sysctlFile);
    }
    Path config = home.resolve("agent.yaml");
    Files.writeString(config, "schedule: {every: 10s, splay: 0s}\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    List<String> paths =
        List.of(
            "--root",
            home.resolve("root").toString(),
            "--state-dir",
            home.resolve("state").toString());
    StringBuilder script = new StringBuilder("ip link set lo up\n" + sysctls + "\n");
    for (String command : before) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.addAll(paths);
      script.append(Netns.javaCommand(List.of(), Main.class, args.toArray(String[]::new)));
      script.append("\n");
    }
    script
        .append(Netns.javaCommand(List.of(), SocketLoad.class, load.split(" ")))
        .append(" > ")
        .append(Netns.quote(home.resolve("load.log").toString()))
        .append(" 2>&1 &\n");
    List<String> run =
        new ArrayList<>(
            List.of(
                "run",
                "--config",
                config.toString(),
                "--rules-dir",
                home.resolve("rules.d").toString(),
                "--metrics-textfile",
                home.resolve("sockwarden.prom").toString()));
    run.addAll(paths);
    script
        .append("exec ")
        .append(Netns.javaCommand(List.of(), Main.class, run.toArray(String[]::new)));
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    List<String> cmd =
        new ArrayList<>(asRoot ? List.of("unshare", "-n", "--") : List.of("unshare", "-Urn", "--"));
    cmd.addAll(List.of("sh", "-ec", script.toString()));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("agent.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    started.add(p);
    return home;
  }

  /** Serves {@code textfile} as /metrics on a free loopback port; returns the port. */
  private int serve(Path textfile) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = Files.exists(textfile) ? Files.readAllBytes(textfile) : new byte[0];
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(
              Files.exists(textfile) ? 200 : 503, body.length == 0 ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    servers.add(server);
    return server.getAddress().getPort();
  }

  private void startPrometheus(Path prometheus, int alphaPort, int betaPort) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      webPort = s.getLocalPort();
    }
    Path rules = FleetTools.repo().resolve("deploy/prometheus/sockwarden.rules.yml");
    Path config =
        Files.writeString(
            dir.resolve("prometheus.yml"),
            "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
                + "rule_files: ['"
                + rules
                + "']\n"
                + "scrape_configs:\n"
                + "  - job_name: sockwarden\n"
                + "    static_configs:\n"
                + "      - targets: ['127.0.0.1:"
                + alphaPort
                + "']\n"
                + "        labels: {instance: alpha, os: linux}\n"
                + "      - targets: ['127.0.0.1:"
                + betaPort
                + "']\n"
                + "        labels: {instance: beta, os: linux}\n");
    Process server =
        new ProcessBuilder(
                prometheus.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + webPort)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    started.add(server);
  }

  /** Grafana's substitution of the template variables, as a multi-value regex selection. */
  private static String substitute(String expr, String hosts) {
    return expr.replace("$instance", hosts).replace("$os", "(linux)").replace("$window", "30s");
  }

  /** One series of an instant query's result. */
  record Series(Map<String, String> labels, double value) {
    String instance() {
      return labels.get("instance");
    }
  }

  /** An instant query's result, or null when the server is not answering yet. */
  private List<Series> query(String expr) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + webPort
                              + "/api/v1/query?query="
                              + URLEncoder.encode(expr, StandardCharsets.UTF_8)))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = new ObjectMapper().readTree(r.body());
      if (r.statusCode() == 400 || r.statusCode() == 422) {
        fail("query does not parse: " + expr + "\n" + r.body());
      }
      if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        return null;
      }
      List<Series> result = new ArrayList<>();
      for (JsonNode s : body.path("data").path("result")) {
        Map<String, String> labels = new HashMap<>();
        s.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        result.add(new Series(labels, Double.parseDouble(s.path("value").get(1).asText())));
      }
      return result;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Grafana's label_values(selector, label). */
  private Set<String> labelValues(String selector, String label) {
    return query(selector).stream()
        .map(s -> s.labels().get(label))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, Double> valueByInstance(List<Series> series) {
    Map<String, Double> values = new TreeMap<>();
    for (Series s : series) {
      values.merge(s.instance(), s.value(), Math::max);
    }
    return values;
  }

  private static Set<String> instances(List<Series> series) {
    return series.stream()
        .map(Series::instance)
        .filter(i -> i != null)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void await(String what, Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(250);
    }
  }
}
