package io.sockwarden.linux.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProcessTable} against the real {@code /proc}: a child that holds 900 of its 1024
 * descriptors and has no socket must be reported. The child is bash under {@code ulimit -n 1024}
 * that opens files and becomes {@code sleep 60}; it is killed by its PID.
 */
@EnabledOnOs(OS.LINUX)
class ProcessTableLiveTest {
  private static final int LIMIT = 1024;
  private static final int HELD = 900;
  private static final long WAIT_MILLIS = 10_000;

  @Test
  void reportsAClientNearItsDescriptorLimitThatHasNoSocket(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("held"), "x");
    // Descriptors 0-2 are the standard streams; 3..(HELD-1) are opened on the file.
    String script =
        "ulimit -n "
            + LIMIT
            + " || exit 97\n"
            + "i=3; while [ $i -lt "
            + HELD
            + " ]; do eval \"exec $i<\\\"\\$0\\\"\"; i=$((i+1)); done\n"
            + "exec sleep 60";
    Process child;
    try {
      child =
          new ProcessBuilder("bash", "-c", script, file.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(tmp.resolve("err").toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      skipLoudly("bash cannot run: " + e.getMessage());
      return;
    }
    try {
      Path dir = Path.of("/proc", Long.toString(child.pid()));
      waitUntilItHolds(child, dir, tmp.resolve("err"));

      long start = System.nanoTime();
      ProcessTable table = ProcessTable.scan(Path.of("/proc"), Set.of());
      double ms = (System.nanoTime() - start) / 1e6;
      System.out.printf(
          "ProcessTable.scan of /proc: %.2f ms, %d processes reported%n",
          ms, table.processes().size());

      assertThat(table.processes())
          .filteredOn(p -> p.pid() == child.pid())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.openFds()).isEqualTo(HELD);
                assertThat(p.softLimit()).isEqualTo(LIMIT);
                assertThat(p.sockets()).isZero();
                assertThat(p.listens()).isFalse();
                assertThat(p.usedPercent()).isEqualTo(HELD * 100 / LIMIT);
              });
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Waits, at most {@link #WAIT_MILLIS}, until the child has become sleep with its files open. */
  private static void waitUntilItHolds(Process child, Path dir, Path err) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!child.isAlive()) {
        if (child.exitValue() == 97) {
          skipLoudly("cannot set ulimit -n " + LIMIT + ": " + Files.readString(err).strip());
        }
        fail("child exited with " + child.exitValue() + ": " + Files.readString(err));
      }
      try (Stream<Path> fds = Files.list(dir.resolve("fd"))) {
        if (ProcText.read(dir.resolve("comm")).strip().equals("sleep") && fds.count() == HELD) {
          return;
        }
      } catch (IOException e) {
        // not ready
      }
      Thread.sleep(50);
    }
    fail("child pid " + child.pid() + " did not open " + HELD + " files in " + WAIT_MILLIS + " ms");
  }

  /** Skips with the reason, or fails when the environment requires these tests to run. */
  private static void skipLoudly(String why) {
    if ("1".equals(System.getenv("SOCKWARDEN_REQUIRE_NETNS"))) {
      fail("required (SOCKWARDEN_REQUIRE_NETNS=1) but " + why);
    }
    System.err.println("SKIPPED ProcessTableLiveTest: " + why);
    assumeTrue(false, why);
  }
}
