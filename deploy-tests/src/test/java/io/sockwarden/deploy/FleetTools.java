package io.sockwarden.deploy;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fleet tools these tests drive (promtool, prometheus, ansible-playbook, ansible-lint): where
 * they are, and running them with a bound on time.
 *
 * <p>A missing tool skips the test loudly (a line on stderr starting with {@code SKIPPED}), unless
 * {@code SOCKWARDEN_REQUIRE_FLEET_TOOLS=1} is set (CI sets it), in which case the test fails.
 */
final class FleetTools {
  private FleetTools() {}

  /** The result of a tool run. */
  record Result(int exitCode, String output) {}

  /** The repository's root (the parent of this module). */
  static Path repo() {
    Path module = Path.of("").toAbsolutePath();
    return module.getFileName().toString().equals("deploy-tests") ? module.getParent() : module;
  }

  /** Where a tool is on the PATH, or a loud skip (a failure where CI requires the tool). */
  static Path tool(String name, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String why = name + " is not installed (Debian package " + debianPackage + ")";
    if ("1".equals(System.getenv("SOCKWARDEN_REQUIRE_FLEET_TOOLS"))) {
      fail(why + ", and SOCKWARDEN_REQUIRE_FLEET_TOOLS=1 requires it");
    }
    System.err.println("SKIPPED: " + why);
    assumeTrue(false, "SKIPPED: " + why);
    return null;
  }

  /**
   * Runs a command in {@code workDir}, output and errors together; kills it (and its descendants,
   * by PID) and fails the test when it runs longer than {@code timeoutSeconds}.
   */
  static Result run(Path workDir, long timeoutSeconds, List<String> command) throws IOException {
    Path out = Files.createTempFile("fleet-tool", ".out");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      pb.environment().put("ANSIBLE_NOCOLOR", "1");
      pb.environment().put("NO_COLOR", "1");
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        fail(
            String.join(" ", command)
                + " (pid "
                + p.pid()
                + ") timed out after "
                + timeoutSeconds
                + " s:\n"
                + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
