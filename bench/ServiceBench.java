import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.config.ServiceSettings;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.service.AgentService;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.model.CollectionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark helper, run by bench/service.sh: the service's cycle in one JVM, as `sockwarden run`
 * runs it (real /proc, state and metrics textfile under a temporary directory).
 *
 * <pre>
 * cycles N STATE_DIR   run N cycles back to back after 5 warm-up cycles; print the median and 90th
 *                      percentile cycle time in ms, and VmRSS after every tenth cycle, in MB
 * </pre>
 */
public final class ServiceBench {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[1]);
    Path state = Path.of(args[2]);
    HostSession session = HostSession.open(new CollectionContext(Path.of("/proc"), Path.of("/"), state));
    AgentConfig config =
        AgentConfig.defaults(state.resolve("rules.d"))
            .withService(ServiceSettings.DEFAULTS.withMetricsTextfile(state.resolve("m.prom")));
    AgentService service =
        new AgentService(
            session,
            () -> new AgentService.Loaded(config, RuleEngine.builtIn()),
            Clock.systemUTC(),
            ZoneOffset.UTC,
            "bench");
    for (int i = 0; i < 5; i++) {
      service.cycle();
    }
    double[] ms = new double[n];
    List<String> rss = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      AgentService.CycleResult r = service.cycle();
      ms[i] = (System.nanoTime() - t0) / 1e6;
      if (r.scan().isEmpty()) {
        throw new IllegalStateException(r.message());
      }
      if ((i + 1) % 10 == 0) {
        rss.add(Long.toString(status("VmRSS") / 1024));
      }
    }
    Arrays.sort(ms);
    System.out.printf(
        "cycles: %d, median %.1f ms, p90 %.1f ms; VmRSS every 10 cycles (MB): %s; VmHWM %d MB%n",
        n, ms[n / 2], ms[(int) (n * 0.9)], String.join(" ", rss), status("VmHWM") / 1024);
  }

  /** A field of /proc/self/status, in kB. */
  private static long status(String field) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
