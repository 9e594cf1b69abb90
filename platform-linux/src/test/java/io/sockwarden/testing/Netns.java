package io.sockwarden.testing;

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
 * Runs shell scripts in a fresh network namespace made with {@code unshare}: as root {@code unshare
 * -n}, otherwise with a user namespace too ({@code unshare -Urn}). Shared with the agent's tests
 * through this module's test jar.
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
    skipUnless(unavailableReason());
  }

  /** Why namespaces cannot be made here, or null when they can. */
  public static String unavailableReason() {
    try {
      Result r = run("true", 20);
      return r.exitCode() == 0 ? null : "unshare failed: " + r.err().strip();
    } catch (IOException e) {
      return "unshare cannot run: " + e.getMessage();
    }
  }

  /**
   * Skips (or, with {@code SOCKWARDEN_REQUIRE_NETNS=1}, fails) the calling test when {@code why} is
   * not null.
   */
  public static void skipUnless(String why) {
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
   * @param timeoutSeconds the process and its descendants are killed (by their PIDs) when it runs
   *     longer, and the test fails
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
        fail(
            "namespace script (pid "
                + p.pid()
                + ") timed out after "
                + timeoutSeconds
                + " s: "
                + script
                + "\nstderr: "
                + Files.readString(err, StandardCharsets.UTF_8));
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

  /** A shell command line that runs {@code main} with this JVM and class path. */
  public static String javaCommand(List<String> jvmOptions, Class<?> main, String... args) {
    List<String> words = new ArrayList<>();
    words.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    words.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m"));
    words.addAll(jvmOptions);
    words.add("-cp");
    words.add(System.getProperty("java.class.path"));
    words.add(main.getName());
    words.addAll(List.of(args));
    return String.join(" ", words.stream().map(Netns::quote).toList());
  }

  /** Quotes a word for sh. */
  public static String quote(String word) {
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
