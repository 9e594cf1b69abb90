package io.sockwarden.agent;

import io.sockwarden.testing.Netns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shell command lines that start the agent or the load generator, for namespace scripts. */
final class AgentProcesses {
  private AgentProcesses() {}

  /** Runs the agent's {@code Main} with this JVM and class path. */
  static String agentCommand(String... args) {
    return Netns.javaCommand(List.of(), Main.class, args);
  }

  /**
   * Makes the paths an agent process under test uses in {@code dir} (a root {@code dir/root} whose
   * {@code run} is the real {@code /run}, where {@code ip netns} names live; a state directory; an
   * empty rules directory; a configuration failing on warnings) and returns the options naming
   * them: {@code --root}, {@code --state-dir}, then {@code --config} and {@code --rules-dir}.
   */
  static List<String> testPaths(Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.createSymbolicLink(root.resolve("run"), Path.of("/run"));
    Path rules = Files.createDirectories(dir.resolve("rules.d"));
    Path config = Files.writeString(dir.resolve("agent.yaml"), "fail-on: warning\n");
    return List.of(
        "--root", root.toString(),
        "--state-dir", dir.resolve("state").toString(),
        "--config", config.toString(),
        "--rules-dir", rules.toString());
  }

  /**
   * Runs the agent with {@code args} as a process of its own in this process's namespace, with
   * {@code env} added to its environment; its output goes through files in {@code dir}. Killed (by
   * pid, with its descendants) and failed after 120 s.
   */
  static Netns.Result run(Path dir, Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    Path out = dir.resolve("agent.out");
    Path err = dir.resolve("agent.err");
    ProcessBuilder pb =
        new ProcessBuilder("sh", "-c", agentCommand(args.toArray(String[]::new)))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("agent timed out: " + args);
    }
    return new Netns.Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * A script that brings loopback up, runs {@code setup}, starts {@link SocketLoad} in the
   * background with {@code loadArgs} (its ready file appended), waits up to 30 s for it to be
   * ready, runs {@code command}, then stops the load by its PID. The script's exit code is the
   * command's.
   */
  static String withLoad(String setup, String[] loadArgs, String ready, String command) {
    String[] all = Arrays.copyOf(loadArgs, loadArgs.length + 1);
    all[loadArgs.length] = ready;
    String readyFile = Netns.quote(ready);
    return "ip link set lo up\n"
        + setup
        + "\n"
        + Netns.javaCommand(List.of(), SocketLoad.class, all)
        + " & load=$!\n"
        + "i=0; while [ ! -s "
        + readyFile
        + " ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done\n"
        + "[ -s "
        + readyFile
        + " ] || { echo 'load generator not ready' >&2; kill $load; exit 99; }\n"
        + "set +e\n"
        + command
        + "\nrc=$?\n"
        + "kill $load; wait $load 2>/dev/null\n"
        + "exit $rc\n";
  }
}
