package io.sockwarden.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sockwarden.agent.Main;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sockwarden run} as a real process on this host (it only reads the host; its state lives in
 * a temporary directory): signals, the metrics textfile checked by promtool, and a real Prometheus
 * server scraping its /metrics on loopback.
 */
@EnabledOnOs(OS.LINUX)
class RunProcessTest {
  @TempDir Path dir;
  Path config;
  Path state;
  final List<Process> started = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    state = dir.resolve("state");
    config = dir.resolve("agent.yaml");
    writeConfig("schedule: {every: 10s, splay: 0s}\n");
  }

  @AfterEach
  void stopWhatWasStarted() throws Exception {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  private void writeConfig(String yaml) throws IOException {
    Files.writeString(config, yaml);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
  }

  private Process agent(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m", "-cp"));
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(
        List.of(
            "run",
            "--config",
            config.toString(),
            "--rules-dir",
            dir.resolve("rules.d").toString(),
            "--state-dir",
            state.toString()));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    started.add(p);
    return p;
  }

  private static void signal(Process p, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start();
    assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private static void await(String what, Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Where a tool is, or a loud skip (a failure where CI requires it). */
  private static Path tool(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String why = name + " is not installed (Debian package prometheus)";
    if ("1".equals(System.getenv("SOCKWARDEN_REQUIRE_PROMETHEUS"))) {
      fail(why + ", and SOCKWARDEN_REQUIRE_PROMETHEUS=1 requires it");
    }
    System.err.println("SKIPPED: " + why);
    assumeTrue(false, "SKIPPED: " + why);
    return null;
  }

  @Test
  void reloadKeepsAGoodConfigurationOverABadOneAndTermExitsZero() throws Exception {
    Path promtool = tool("promtool");
    Path log = dir.resolve("agent.log");
    Path textfile = dir.resolve("sockwarden.prom");
    Process p = agent(log, "--metrics-textfile", textfile.toString());
    await("the first report", Duration.ofSeconds(30), () -> Files.exists(textfile));

    writeConfig("schedule: {every: 10 parsecs}\n");
    signal(p, "HUP");
    await(
        "the reload to be refused",
        Duration.ofSeconds(10),
        () -> read(log).contains("configuration not reloaded, keeping the previous one"));
    assertThat(p.isAlive()).isTrue();

    long t0 = System.nanoTime();
    signal(p, "TERM");
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).as(read(log)).isTrue();
    assertThat(p.exitValue()).as(read(log)).isZero();
    assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to stop").isLessThan(5_000);
    assertThat(read(log)).contains("INFO  scan: ").contains("stopping").doesNotContain("Exception");
    assertThat(state.resolve("reports/latest.json")).exists();

    Process check =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectInput(textfile.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(check.getInputStream().readAllBytes());
    assertThat(check.exitValue()).as(out).isZero();
  }

  @Test
  void aRealPrometheusScrapesTheAgent() throws Exception {
    Path prometheus = tool("prometheus");
    Path log = dir.resolve("agent.log");
    agent(log, "--metrics-listen", "127.0.0.1:0");
    Pattern serving = Pattern.compile("serving metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics");
    await("the metrics server", Duration.ofSeconds(30), () -> serving.matcher(read(log)).find());
    Matcher m = serving.matcher(read(log));
    assertThat(m.find()).isTrue();
    int agentPort = Integer.parseInt(m.group(1));

    int webPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      webPort = s.getLocalPort();
    }
    Path promConfig =
        Files.writeString(
            dir.resolve("prometheus.yml"),
            "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
                + "scrape_configs:\n"
                + "  - job_name: sockwarden\n"
                + "    static_configs: [{targets: ['127.0.0.1:"
                + agentPort
                + "']}]\n");
    Process server =
        new ProcessBuilder(
                prometheus.toString(),
                "--config.file=" + promConfig,
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + webPort)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    started.add(server);

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String[] body = {""};
    await(
        "Prometheus to have scraped sockwarden_scan_success",
        Duration.ofSeconds(60),
        () -> {
          try {
            HttpResponse<String> r =
                http.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:"
                                    + webPort
                                    + "/api/v1/query?query=sockwarden_scan_success"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            body[0] = r.body();
            return r.statusCode() == 200 && r.body().contains("\"1\"]");
          } catch (IOException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        });
    assertThat(body[0]).contains("\"job\":\"sockwarden\"");
  }
}
