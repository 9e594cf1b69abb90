import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.config.NamespaceScope;
import io.sockwarden.agent.config.ServiceSettings;
import io.sockwarden.agent.core.FactCollector;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.core.NamespaceSelection;
import io.sockwarden.agent.core.NamespacesScan;
import io.sockwarden.agent.core.ScanService;
import io.sockwarden.agent.service.AgentService;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.model.CollectionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Benchmark helper, run by bench/namespaces.sh as root while it holds idle network namespaces: the
 * warm cost of covering every network namespace against the agent's own only, in one JVM (real
 * /proc, state, reports and metrics under a temporary directory).
 *
 * <pre>
 * measure RUNS WARMUP STATE_DIR [INODE...]
 *     WARMUP rounds, then RUNS rounds, each of: a scan of the agent's own namespace; a scan of all
 *     namespaces; with inodes, a scan of exactly those (and the agent's own); a service cycle
 *     (scan, JSON report, metrics textfile) with namespaces: host; one with namespaces: all.
 *     Prints each one's median in ms, how many other namespaces it covered, the cost per other
 *     namespace ((median - median of its host-only counterpart) / n), the size of a cycle's
 *     report, and this JVM's peak RSS
 * profile RUNS WARMUP STATE_DIR
 *     only scans of all namespaces, WARMUP + RUNS of them (for a profiler)
 * </pre>
 */
public final class NamespacesBench {
  /** One kind of measurement: what it runs (returning the other namespaces it covered). */
  private record Kind(String name, IntSupplier run, String baseline) {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    Path state = Path.of(args[3]);
    List<String> inodes = Arrays.asList(args).subList(4, args.length);
    HostSession session =
        HostSession.open(new CollectionContext(Path.of("/proc"), Path.of("/"), state));
    RuleEngine engine = RuleEngine.builtIn();
    AgentConfig config = AgentConfig.defaults(state.resolve("rules.d"));
    ScanService scans = new ScanService(session, config, engine);
    FactCollector.CounterMode compare = FactCollector.CounterMode.COMPARE;

    List<Kind> kinds = new ArrayList<>();
    kinds.add(new Kind("scan, host only", () -> { scans.scan(compare); return 0; }, null));
    // Other namespaces on the machine may come and go during a scan of all; listed ones must not.
    kinds.add(new Kind("scan, all", () -> scanned(scans.scanNamespaces(NamespaceSelection.ALL, compare), false), "scan, host only"));
    if (!inodes.isEmpty()) {
      NamespaceSelection listed = NamespaceSelection.of(inodes);
      kinds.add(new Kind("scan, the " + inodes.size() + " listed", () -> scanned(scans.scanNamespaces(listed, compare), true), "scan, host only"));
    }
    if (args[0].equals("profile")) {
      for (int i = 0; i < warmup + runs; i++) {
        kinds.get(1).run().getAsInt();
      }
      return;
    }
    AgentService hostCycles = service(engine, config, state.resolve("host"), NamespaceScope.HOST);
    AgentService allCycles = service(engine, config, state.resolve("all"), NamespaceScope.ALL);
    kinds.add(new Kind("cycle, namespaces: host", () -> { check(hostCycles.cycle()); return 0; }, null));
    kinds.add(new Kind("cycle, namespaces: all", () -> check(allCycles.cycle()).namespaces().orElseThrow().scans().size() - 1, "cycle, namespaces: host"));

    for (int i = 0; i < warmup; i++) {
      for (Kind k : kinds) {
        k.run().getAsInt();
      }
    }
    Map<String, double[]> times = new LinkedHashMap<>();
    Map<String, Integer> covered = new LinkedHashMap<>();
    for (Kind k : kinds) {
      times.put(k.name(), new double[runs]);
    }
    for (int i = 0; i < runs; i++) {
      for (Kind k : kinds) {
        long t0 = System.nanoTime();
        covered.put(k.name(), k.run().getAsInt());
        times.get(k.name())[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    for (Kind k : kinds) {
      double t = median(times.get(k.name()));
      if (k.baseline() == null) {
        System.out.printf("%-26s median %7.1f ms%n", k.name() + ":", t);
      } else {
        int n = covered.get(k.name());
        double per = n == 0 ? 0 : (t - median(times.get(k.baseline()))) / n;
        System.out.printf(
            "%-26s median %7.1f ms, %d other namespaces: %.2f ms per namespace%n",
            k.name() + ":", t, n, per);
      }
    }
    System.out.printf(
        "one cycle's JSON report:   %d KB with namespaces: host, %d KB with namespaces: all%n",
        Files.size(state.resolve("host/state/reports/latest.json")) / 1024,
        Files.size(state.resolve("all/state/reports/latest.json")) / 1024);
    System.out.printf("peak RSS (VmHWM):          %d MB%n", status("VmHWM") / 1024);
  }

  private static AgentService service(
      RuleEngine engine, AgentConfig config, Path dir, NamespaceScope scope)
      throws Exception {
    Files.createDirectories(dir);
    ServiceSettings settings =
        ServiceSettings.DEFAULTS.withMetricsTextfile(dir.resolve("m.prom")).withNamespaces(scope);
    // Each service keeps its reports apart: the two must not prune each other's.
    HostSession own =
        HostSession.open(new CollectionContext(Path.of("/proc"), Path.of("/"), dir.resolve("state")));
    return new AgentService(
        own,
        () -> new AgentService.Loaded(config.withService(settings), engine),
        Clock.systemUTC(),
        ZoneOffset.UTC,
        "bench");
  }

  private static AgentService.CycleResult check(AgentService.CycleResult r) {
    if (r.verdict().isEmpty()) {
      throw new IllegalStateException(r.message());
    }
    return r;
  }

  /** How many namespaces besides the agent's own were scanned; with {@code strict}, all must be. */
  private static int scanned(NamespacesScan n, boolean strict) {
    if (strict && (!n.missing().isEmpty() || !n.unmatched().isEmpty())) {
      throw new IllegalStateException(
          "not scanned: " + n.missing() + ", unmatched: " + n.unmatched());
    }
    return n.scans().size() - 1;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  private static long status(String key) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(key + ":")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
