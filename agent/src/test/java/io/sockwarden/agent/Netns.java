package io.sockwarden.agent;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs shell scripts in a fresh network namespace made with {@code unshare}, so that tests can
 * write {@code net.*} sysctls without touching the host. As root, {@code unshare -n}; otherwise a
 * user namespace too ({@code unshare -Urn}).
 *
 * <p>Where namespaces cannot be made, tests are skipped with the reason, unless the environment
 * variable {@code SOCKWARDEN_REQUIRE_NETNS=1} is set (CI sets it), in which case they fail.
 */
public final class Netns {
  private Netns() {}

  /** The result of a script run. */
  public record Result(int exitCode, String out, String err) {}

  private static List<String> unshare() {
    boolean root = "root".equals(System.getProperty("user.name"));
    return root ? List.of("unshare", "-n", "--") : List.of("unshare", "-Urn", "--");
  }

  /** Skips (or, when required, fails) the calling test unless namespaces can be made here. */
  public static void assumeAvailable() {
    String why;
    try {
      Result r = run("true", 20);
      why = r.exitCode() == 0 ? null : "unshare failed: " + r.err().strip();
    } catch (IOException e) {
      why = "unshare cannot run: " + e.getMessage();
    }
    if (why == null) {
      return;
    }
    if ("1".equals(System.getenv("SOCKWARDEN_REQUIRE_NETNS"))) {
      fail("network namespaces are required (SOCKWARDEN_REQUIRE_NETNS=1) but " + why);
    }
    assumeTrue(false, "network namespaces unavailable, skipping: " + why);
  }

  /**
   * Runs {@code script} with {@code sh -ec} in a new network namespace.
   *
   * @param timeoutSeconds the process is killed (by its PID) when it runs longer
   */
  public static Result run(String script, long timeoutSeconds) throws IOException {
    List<String> cmd = new ArrayList<>(unshare());
    cmd.addAll(List.of("sh", "-ec", script));
    Path out = Files.createTempFile("netns", ".out");
    Path err = Files.createTempFile("netns", ".err");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        fail("namespace script timed out after " + timeoutSeconds + " s: " + script);
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** A shell command line that runs the agent's {@code Main} with this JVM and class path. */
  public static String agentCommand(String... args) {
    return javaCommand(Main.class, args);
  }

  /** A shell command line that runs {@code mainClass} with this JVM and class path. */
  public static String javaCommand(Class<?> mainClass, String... args) {
    List<String> words = new ArrayList<>();
    words.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    words.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp"));
    words.add(System.getProperty("java.class.path"));
    words.add(mainClass.getName());
    words.addAll(List.of(args));
    return String.join(" ", words.stream().map(Netns::quote).toList());
  }

  /**
   * A script that brings loopback up, runs {@code setup}, starts {@link SocketLoad} in the
   * background with {@code loadArgs} (its ready file appended), waits up to 30 s for it to be
   * ready, runs {@code command}, then stops the load by its PID. The script's exit code is the
   * command's.
   */
  public static String withLoad(String setup, String[] loadArgs, String ready, String command) {
    String[] all = java.util.Arrays.copyOf(loadArgs, loadArgs.length + 1);
    all[loadArgs.length] = ready;
    return "ip link set lo up\n"
        + setup
        + "\n"
        + javaCommand(SocketLoad.class, all)
        + " & load=$!\n"
        + "i=0; while [ ! -s "
        + quote(ready)
        + " ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done\n"
        + "[ -s "
        + quote(ready)
        + " ] || { echo 'load generator not ready' >&2; kill $load; exit 99; }\n"
        + "set +e\n"
        + command
        + "\nrc=$?\n"
        + "kill $load; wait $load 2>/dev/null\n"
        + "exit $rc\n";
  }

  /** Quotes a word for sh. */
  public static String quote(String word) {
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
