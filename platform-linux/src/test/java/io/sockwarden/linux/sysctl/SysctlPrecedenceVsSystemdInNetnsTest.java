package io.sockwarden.linux.sysctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sockwarden.model.BootValue;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.Sysctl;
import io.sockwarden.testing.Netns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test: {@link SysctlPrecedence}'s boot values against what the real {@code
 * systemd-sysctl} (systemd 252, Debian 12) sets, on {@value #TREES} generated configuration trees.
 *
 * <p>For each tree, a shell script runs in a new network and mount namespace ({@code unshare -n
 * -m}, with {@code -U} when not root): it copies the tree, bind-mounts (read-only) the directories
 * holding {@code systemd-sysctl} and its shared libraries, {@code /proc} and {@code /dev/null} into
 * the copy, records the namespace's fresh values of {@link SysctlTrees#KEYS}, runs {@code
 * systemd-sysctl --prefix=KEY...} chrooted into the copy and reads the values back. The host's
 * {@code /etc} is never read by systemd-sysctl, and only the new namespace's per-namespace {@code
 * net.*} values are written ({@code --prefix} keeps it away from any other key).
 *
 * <p>Where a file sets a key, its value after the run must be the computed boot value; where none
 * does, it must be unchanged (the kernel default) and the computation must have no boot value.
 *
 * <p>Needs {@code unshare} and {@code mount} (util-linux, mount), {@code chroot}/{@code cp}
 * (coreutils), {@code ldd} (libc-bin) and {@code /lib/systemd/systemd-sysctl} (package systemd).
 * Skipped when these or namespaces are unavailable, unless {@code SOCKWARDEN_REQUIRE_NETNS=1}.
 */
class SysctlPrecedenceVsSystemdInNetnsTest {
  static final int TREES = 40;
  static final long SEED = 20_252L;
  private static final List<String> BINARIES =
      List.of("/lib/systemd/systemd-sysctl", "/usr/lib/systemd/systemd-sysctl");

  @TempDir Path tmp;

  @Test
  void computedBootValuesAgreeWithSystemdSysctl() throws Exception {
    String binary =
        BINARIES.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst().orElse(null);
    Netns.skipUnless(binary == null ? "systemd-sysctl is not installed (package systemd)" : null);
    String version = firstLine(exec(List.of(binary, "--version")));
    assumeTrue(
        version.startsWith("systemd 252 "),
        "this test models systemd 252's sysctl.d rules; installed: " + version);
    List<String> bindDirs = bindDirs(binary);

    Path probe = tmp.resolve("probe");
    Files.createDirectories(probe.resolve("etc/sysctl.d"));
    Run probeRun = run(probe, binary, bindDirs);
    Netns.skipUnless(
        probeRun.exitCode == 0 && probeRun.systemdExit >= 0
            ? null
            : "cannot run systemd-sysctl chrooted in a network and mount namespace: "
                + probeRun.raw);

    List<String> disagreements = new ArrayList<>();
    int disagreeingTrees = 0;
    TreeSet<String> covered = new TreeSet<>();
    for (int i = 0; i < TREES; i++) {
      SysctlTrees.Tree tree = SysctlTrees.generate(SEED, i);
      covered.add(tree.featured());
      Path root = tmp.resolve("tree-" + i);
      tree.writeTo(root);
      try {
        Run run = run(root, binary, bindDirs);
        if (run.exitCode != 0 || run.systemdExit < 0 || run.systemdExit > 1) {
          fail("namespace script failed for " + tree.describe() + "\n" + run.raw);
        }
        List<String> mismatches = compare(root, run);
        if (!mismatches.isEmpty()) {
          disagreeingTrees++;
          disagreements.add(tree.describe() + String.join("\n", mismatches) + "\n" + run.log());
        }
      } finally {
        deleteTree(root);
        deleteTree(root.resolveSibling(root.getFileName() + ".chroot"));
      }
    }
    System.out.printf(
        "SysctlPrecedence vs %s: %d of %d trees disagree%n", version, disagreeingTrees, TREES);
    assertThat(covered).as("every featured case is generated").hasSize(SysctlTrees.CASES.length);
    assertThat(disagreements)
        .as("%d of %d trees disagree with %s", disagreeingTrees, TREES, version)
        .isEmpty();
  }

  /** How the computed boot values differ from what systemd-sysctl set, one line per key. */
  private static List<String> compare(Path root, Run run) {
    Map<String, String> computed;
    try {
      computed = bootValues(root);
    } catch (RuntimeException e) {
      return List.of("  SysctlPrecedence.read failed: " + e);
    }
    List<String> mismatches = new ArrayList<>();
    for (String key : SysctlTrees.KEYS) {
      String before = run.before.get(key);
      String after = run.after.get(key);
      String expected = computed.get(key);
      boolean agree = expected == null ? after.equals(before) : after.equals(expected);
      if (!agree) {
        mismatches.add(
            "  "
                + key
                + ": systemd-sysctl set "
                + (after.equals(before) ? "nothing (kernel default " + before + ")" : after)
                + ", SysctlPrecedence says "
                + (expected == null ? "no boot value" : expected));
      }
    }
    return mismatches;
  }

  /** Deletes a tree without following its symbolic links (some point at /dev/null and /etc). */
  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Map<String, String> bootValues(Path root) {
    SysctlPrecedence.Result r =
        SysctlPrecedence.read(
            new CollectionContext(root.resolve("no-proc"), root, root.resolve("no-state")));
    Map<String, String> out = new HashMap<>();
    for (BootValue b : r.bootValues()) {
      out.put(b.key(), b.value());
    }
    return out;
  }

  /** What one namespace run printed. */
  private record Run(
      int exitCode,
      int systemdExit,
      Map<String, String> before,
      Map<String, String> after,
      String raw) {
    String log() {
      return raw.lines()
          .filter(l -> !l.startsWith("before ") && !l.startsWith("after "))
          .map(l -> "  | " + l)
          .reduce("", (a, b) -> a + b + "\n");
    }
  }

  private Run run(Path tree, String binary, List<String> bindDirs) throws IOException {
    Path copy = tree.resolveSibling(tree.getFileName() + ".chroot");
    StringBuilder s = new StringBuilder();
    s.append("T=").append(Netns.quote(tree.toString())).append('\n');
    s.append("R=").append(Netns.quote(copy.toString())).append('\n');
    // Never touch the host's sysctls: stop unless this is a new network namespace.
    s.append("[ \"$(readlink /proc/self/ns/net)\" != ")
        .append(Netns.quote(hostNetns()))
        .append(" ] || { echo 'not in a new network namespace' >&2; exit 3; }\n");
    s.append("cp -RP \"$T\" \"$R\"\n"); // -P: links stay links; no -a: ownership may not map
    s.append("mount --make-rprivate /\n");
    for (String d : bindDirs) {
      String q = Netns.quote(d);
      s.append("mkdir -p \"$R\"").append(q).append('\n');
      s.append("mount --bind -o ro ").append(q).append(" \"$R\"").append(q).append('\n');
    }
    s.append("mkdir -p \"$R/proc\" \"$R/dev\" \"$R/etc\"\n");
    s.append("mount --rbind /proc \"$R/proc\"\n");
    s.append(": > \"$R/dev/null\"\n");
    s.append("mount --bind /dev/null \"$R/dev/null\"\n");
    s.append("if [ -f /etc/ld.so.cache ]; then cp /etc/ld.so.cache \"$R/etc/ld.so.cache\"; fi\n");
    StringBuilder prefixes = new StringBuilder();
    for (String key : SysctlTrees.KEYS) {
      String file = "/proc/sys/" + key.replace('.', '/');
      s.append("echo \"before ").append(key).append(" $(cat ").append(file).append(")\"\n");
      prefixes.append(" --prefix=").append(key);
    }
    s.append("rc=0\n");
    s.append("chroot \"$R\" ")
        .append(Netns.quote(binary))
        .append(prefixes)
        .append(" 2>&1 || rc=$?\n");
    s.append("echo \"systemd-sysctl exit $rc\"\n");
    for (String key : SysctlTrees.KEYS) {
      String file = "/proc/sys/" + key.replace('.', '/');
      s.append("echo \"after ").append(key).append(" $(cat ").append(file).append(")\"\n");
    }
    Result r = unshare(s.toString(), 30);
    Map<String, String> before = new HashMap<>();
    Map<String, String> after = new HashMap<>();
    int systemdExit = -1;
    for (String line : r.out.lines().toList()) {
      if (line.startsWith("before ") || line.startsWith("after ")) {
        String[] parts = line.split(" ", 3);
        (parts[0].equals("before") ? before : after)
            .put(parts[1], Sysctl.normalise(parts.length > 2 ? parts[2] : ""));
      } else if (line.startsWith("systemd-sysctl exit ")) {
        systemdExit = Integer.parseInt(line.substring("systemd-sysctl exit ".length()).strip());
      }
    }
    boolean complete =
        before.keySet().containsAll(SysctlTrees.KEYS)
            && after.keySet().containsAll(SysctlTrees.KEYS);
    return new Run(
        complete ? r.exitCode : (r.exitCode == 0 ? -1 : r.exitCode),
        systemdExit,
        before,
        after,
        r.out + r.err);
  }

  private static String hostNetns() throws IOException {
    return Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
  }

  private record Result(int exitCode, String out, String err) {}

  /** Runs {@code script} with {@code sh -ec} in new network and mount namespaces. */
  private static Result unshare(String script, long timeoutSeconds) throws IOException {
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> cmd =
        new ArrayList<>(
            root ? List.of("unshare", "-n", "-m", "--") : List.of("unshare", "-Urnm", "--"));
    cmd.addAll(List.of("sh", "-ec", script));
    return exec(cmd, timeoutSeconds);
  }

  private static Result exec(List<String> cmd) throws IOException {
    return exec(cmd, 20);
  }

  private static Result exec(List<String> cmd, long timeoutSeconds) throws IOException {
    Path out = Files.createTempFile("sysctl-diff", ".out");
    Path err = Files.createTempFile("sysctl-diff", ".err");
    try {
      Process p;
      try {
        p =
            new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
      } catch (IOException e) {
        return new Result(127, "", cmd.get(0) + " cannot run: " + e.getMessage());
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        fail("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
      }
      return new Result(
          p.exitValue(),
          new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
          new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String firstLine(Result r) {
    return r.out.lines().findFirst().orElse(r.err.strip());
  }

  /**
   * The directories to bind into the chroot: the binary's, and those of its shared libraries and
   * program interpreter as {@code ldd} names them, parents before children.
   */
  private static List<String> bindDirs(String binary) throws IOException {
    TreeSet<String> dirs = new TreeSet<>();
    dirs.add(Path.of(binary).getParent().toString());
    Result ldd = exec(List.of("ldd", binary));
    Netns.skipUnless(ldd.exitCode == 0 ? null : "ldd " + binary + " failed: " + ldd.err.strip());
    for (String line : ldd.out.lines().toList()) {
      String t = line.strip();
      int arrow = t.indexOf("=> ");
      String path = arrow >= 0 ? t.substring(arrow + 3) : t;
      int space = path.indexOf(' ');
      path = space >= 0 ? path.substring(0, space) : path;
      if (path.startsWith("/")) {
        Optional.ofNullable(Path.of(path).getParent()).ifPresent(p -> dirs.add(p.toString()));
      }
    }
    List<String> ordered = new ArrayList<>(dirs);
    ordered.sort((a, b) -> Integer.compare(a.length(), b.length()));
    return ordered;
  }
}
