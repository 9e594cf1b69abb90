package io.sockwarden.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces a test makes and keeps alive while it scans them from outside: a process held
 * in a fresh namespace ({@code unshare -n}), or a named one ({@code ip netns add}, with a name
 * unique to the test run). {@link #close()} stops the processes it started, by pid, and deletes the
 * names it added; when {@code /run/netns} did not exist before and is empty after, its mount is
 * removed too, so nothing is left on the machine.
 *
 * <p>Skips (or fails under {@code SOCKWARDEN_REQUIRE_NETNS=1}) through {@link Netns#skipUnless}.
 */
public final class HeldNetns implements AutoCloseable {
  private static final Path RUN_NETNS = Path.of("/run/netns");
  private final List<Process> held = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final boolean runNetnsExisted = Files.exists(RUN_NETNS);
  private final String prefix = "swt-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  /** Skips unless this process is root and {@code unshare} and {@code ip} work. */
  public static void assumeAvailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      Netns.skipUnless("entering other namespaces with setns needs root");
    }
    Netns.assumeAvailable();
    try {
      Process p = new ProcessBuilder("ip", "-V").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        Netns.skipUnless("`ip -V` failed");
      }
    } catch (IOException e) {
      Netns.skipUnless("ip (iproute2) cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
    }
  }

  /**
   * A process held in a new namespace.
   *
   * @param out the rest of its standard output, after the namespace link
   */
  public record Held(Process process, long pid, String link, BufferedReader out) {}

  /**
   * Runs {@code setup} with {@code sh -ec} in a new network namespace, then keeps the shell there
   * (it execs {@code sleep}) until {@link #close()} or {@link #stop}.
   */
  public Held hold(String setup) throws IOException {
    return hold(setup, "sleep 600");
  }

  /**
   * Runs {@code setup} with {@code sh -ec} in a new network namespace, prints the namespace link,
   * then execs {@code command} (a shell command line) in the same process, which stays until {@link
   * #close()} or {@link #stop}.
   */
  public Held hold(String setup, String command) throws IOException {
    String script = setup + "\nreadlink /proc/self/ns/net\nexec " + command + "\n";
    Process p =
        new ProcessBuilder("unshare", "-n", "--", "sh", "-ec", script)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    held.add(p);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String link = out.readLine(); // blocks until the setup is done, or the script failed
    if (link == null || !link.startsWith("net:[")) {
      fail("namespace setup failed: " + setup);
    }
    return new Held(p, p.pid(), link.strip(), out);
  }

  /** Stops a held process (by its pid) and waits for it. */
  public void stop(Held h) throws InterruptedException {
    h.process().destroyForcibly();
    h.process().waitFor(20, TimeUnit.SECONDS);
  }

  /** Adds a named namespace ({@code ip netns add}) with a unique name and returns the name. */
  public String add(String suffix) throws IOException {
    String name = prefix + suffix;
    sh("ip netns add " + name);
    names.add(name);
    return name;
  }

  /** Runs {@code script} inside the named namespace {@code name}. */
  public void exec(String name, String script) throws IOException {
    sh("ip netns exec " + name + " sh -ec " + Netns.quote(script));
  }

  /** Deletes a named namespace before {@link #close()} does. */
  public void delete(String name) throws IOException {
    sh("ip netns delete " + name);
    names.remove(name);
  }

  private static void sh(String command) throws IOException {
    try {
      Process p = new ProcessBuilder("sh", "-ec", command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out: " + command);
      }
      if (p.exitValue() != 0) {
        throw new IOException(command + " failed (" + p.exitValue() + "): " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() throws IOException {
    IOException failed = null;
    for (Process p : held) {
      p.destroyForcibly();
      try {
        p.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String name : List.copyOf(names)) {
      try {
        delete(name);
      } catch (IOException e) {
        failed = e;
      }
    }
    if (!runNetnsExisted && Files.isDirectory(RUN_NETNS)) {
      try (var left = Files.list(RUN_NETNS)) {
        if (left.findAny().isEmpty()) {
          sh("umount -l " + RUN_NETNS + " 2>/dev/null || true; rmdir " + RUN_NETNS);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }
}
