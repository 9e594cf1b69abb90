package io.sockwarden.windows.wine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link WineProbe} on a real Windows JVM (Temurin's Windows JRE, unpacked by the build into
 * {@code target/windows-jre}) under Wine, in a Wine prefix of its own, and checks what it printed
 * against Wine's own {@code reg} tool. Wine's registry is real; WMI {@code StandardCimv2}, netsh's
 * port commands and event log content are not, so those must come out as gaps.
 *
 * <p>Skips, saying so on standard error, when Wine or the JRE is missing; fails instead when {@code
 * SOCKWARDEN_REQUIRE_WINE=1} (set by {@code .ci/run}). Every Wine call is bounded in time, and the
 * prefix's wineserver is stopped at the end.
 */
class WindowsJvmWineTest {
  private static final String KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  @TempDir Path temp;

  @Test
  void registryPlatformAndRemediationOnAWindowsJvm() throws Exception {
    Path wine = onPath("wine");
    Path java = windowsJava();
    if (wine == null || java == null) {
      String why =
          (wine == null ? "wine is not installed (apt-get install wine wine64)" : "")
              + (java == null ? " no Windows JRE under " + TARGET.resolve("windows-jre") : "");
      if ("1".equals(System.getenv("SOCKWARDEN_REQUIRE_WINE"))) {
        fail("SOCKWARDEN_REQUIRE_WINE=1 but " + why);
      }
      System.err.println("SKIPPED WindowsJvmWineTest: " + why);
      Assumptions.abort(why);
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WINEPREFIX", temp.resolve("prefix").toString());
    env.put("WINEARCH", "win64");
    env.put("WINEDEBUG", "-all");
    env.put("WINEDLLOVERRIDES", "mscoree,mshtml=");
    Files.createDirectories(temp.resolve("tmp"));
    env.put("TMPDIR", temp.resolve("tmp").toString());
    try (ServerSocket linuxListener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      run(
          env,
          Duration.ofSeconds(120),
          "wine",
          "reg",
          "add",
          KEY,
          "/v",
          "TcpTimedWaitDelay",
          "/t",
          "REG_DWORD",
          "/d",
          "240",
          "/f");
      run(
          env,
          Duration.ofSeconds(30),
          "wine",
          "reg",
          "add",
          KEY,
          "/v",
          "SockwardenText",
          "/t",
          "REG_SZ",
          "/d",
          "hello",
          "/f");
      run(
          env,
          Duration.ofSeconds(30),
          "wine",
          "reg",
          "add",
          KEY,
          "/v",
          "ReservedPorts",
          "/t",
          "REG_MULTI_SZ",
          "/d",
          "50000-50100\\01000-1010",
          "/f");

      long t0 = System.nanoTime();
      Result probe =
          run(
              env,
              Duration.ofSeconds(180),
              "wine",
              java.toString(),
              "-cp",
              windowsClassPath(),
              WineProbe.class.getName());
      System.err.println(
          "WindowsJvmWineTest: probe ran " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      Map<String, String> out = probe.lines();
      assertThat(out).as(probe.text).containsEntry("done", "true");

      assertThat(out)
          .containsEntry("os.name", out.get("os.name"))
          .containsEntry("registry.MaxUserPort", "absent")
          .containsEntry("registry.TcpTimedWaitDelay", "240")
          .containsEntry("registry.unsigned", "4294967294")
          .containsEntry("registry.deleted", "absent")
          .containsEntry("registry.deleteAbsent", "ok")
          .containsEntry("registry.multiSz", "Optional[[50000-50100, 1000-1010]]")
          .containsEntry("platform.supportsCurrentHost", "true")
          .containsEntry("host.os", "windows")
          .containsEntry("facts.settingsRead", "true")
          .containsEntry("facts.registry.MaxUserPort", "not set")
          .containsEntry("facts.registry.TcpTimedWaitDelay", "240")
          .containsEntry("census.present", "true")
          .containsEntry("applied.MaxUserPort", "65534")
          .containsEntry("applied.TcpTimedWaitDelay", "60")
          .containsEntry("restored.MaxUserPort", "absent")
          .containsEntry("restored.TcpTimedWaitDelay", "240")
          .containsEntry("conventions.config", "C:\\ProgramData\\Sockwarden\\agent.yaml");
      assertThat(out.get("os.name")).startsWith("Windows");
      assertThat(out.get("registry.wrongType")).startsWith("code -1: ").contains("not a REG_DWORD");
      assertThat(out.get("registry.noKey")).startsWith("code 2: ");
      // Not available under Wine: recorded as gaps, never defaults.
      assertThat(out.get("gap.dynamicport.tcp.ipv4"))
          .startsWith("unreadable: ")
          .contains("WMI")
          .contains("netsh");
      assertThat(out.get("gap.dynamicport.tcp.ipv6")).startsWith("unreadable: ");
      assertThat(out.get("gap.excludedportrange.tcp.ipv4")).startsWith("unreadable: ");
      // The Windows side sees the Linux listener (Wine reads the namespace's TCP table).
      assertThat(out.get("census.listenerPorts"))
          .contains(String.valueOf(linuxListener.getLocalPort()));
      assertThat(out.get("plan")).isNotNull();

      // Wine's own registry tool agrees that the originals are back.
      Result delay =
          run(env, Duration.ofSeconds(30), "wine", "reg", "query", KEY, "/v", "TcpTimedWaitDelay");
      assertThat(delay.text).contains("0xf0");
      Result maxUserPort =
          runAllowingFailure(
              env, Duration.ofSeconds(30), "wine", "reg", "query", KEY, "/v", "MaxUserPort");
      assertThat(maxUserPort.exit).as(maxUserPort.text).isNotZero();
    } finally {
      runAllowingFailure(env, Duration.ofSeconds(30), "wineserver", "-k");
    }
  }

  private static Path onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static Path windowsJava() throws IOException {
    Path jres = TARGET.resolve("windows-jre");
    if (!Files.isDirectory(jres)) {
      return null;
    }
    try (Stream<Path> dirs = Files.list(jres)) {
      return dirs.map(d -> d.resolve("jre/bin/java.exe"))
          .filter(Files::isRegularFile)
          .findFirst()
          .orElse(null);
    }
  }

  /** The test class path as Windows paths on Wine's Z: drive (the Linux root). */
  private static String windowsClassPath() throws IOException {
    List<String> entries = new ArrayList<>();
    entries.add(TARGET.resolve("test-classes").toString());
    entries.add(TARGET.resolve("classes").toString());
    String deps = Files.readString(TARGET.resolve("test-classpath.txt")).strip();
    entries.addAll(List.of(deps.split(":")));
    List<String> windows = new ArrayList<>();
    for (String e : entries) {
      windows.add("Z:" + e.replace('/', '\\'));
    }
    return String.join(";", windows);
  }

  private record Result(int exit, String text) {
    Map<String, String> lines() {
      Map<String, String> map = new LinkedHashMap<>();
      for (String line : text.split("\\R")) {
        int eq = line.indexOf('=');
        if (eq > 0 && line.substring(0, eq).matches("[a-zA-Z.0-9]+")) {
          map.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return map;
    }
  }

  private Result run(Map<String, String> env, Duration limit, String... command) throws Exception {
    Result r = runAllowingFailure(env, limit, command);
    assertThat(r.exit).as(String.join(" ", command) + ":\n" + r.text).isZero();
    return r;
  }

  private Result runAllowingFailure(Map<String, String> env, Duration limit, String... command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(temp, "out", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.directory(TARGET.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      fail(
          String.join(" ", command)
              + " did not finish within "
              + limit
              + ":\n"
              + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
