package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.config.ListenAddress;
import io.sockwarden.agent.config.ServiceSettings;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.core.RuleLoader;
import io.sockwarden.agent.logging.ServiceLogging;
import io.sockwarden.agent.service.AgentService;
import io.sockwarden.agent.service.ServiceSignals;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.model.HostConventions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sockwarden run}: the service. */
@Command(
    name = "run",
    header = "Run as a service: scheduled scans, reports, metrics, optional automatic fixes.",
    description = {
      "Run as a service: scan on the schedule of the configuration (schedule.every, shifted per"
          + " host by up to schedule.splay), write each scan's JSON report to"
          + " <state-dir>/reports/ (and latest.json), prune old reports, publish metrics (a"
          + " node_exporter textfile and/or HTTP /metrics on loopback), and, with"
          + " remediation.mode auto, apply the fixes of the allowed rules as journalled"
          + " transactions, each setting at most once.",
      "",
      "With namespaces: all (or a list of labels) in the configuration, every cycle scans those"
          + " network namespaces too, each from inside (needs root); the report and the metrics"
          + " cover them all, and automatic fixes still change the agent's own namespace only.",
      "",
      "SIGTERM or SIGINT stop it after the cycle in progress (exit 0); SIGHUP re-reads the"
          + " configuration and rules and keeps the old ones when the new ones are invalid. Logs"
          + " go to standard output, without timestamps under journald.",
      "",
      "With --once it runs one cycle and exits: 0 compliant, 3 findings at or above fail-on, 1"
          + " when the scan failed or was incomplete."
    })
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;
  @Mixin ConfigOptions config;

  @Option(names = "--once", description = "Run one cycle and exit (for cron, CI and tests).")
  boolean once;

  @Option(
      names = "--metrics-textfile",
      paramLabel = "FILE",
      description =
          "Write the metrics there after every cycle, atomically, for node_exporter's textfile"
              + " collector (replaces metrics.textfile; the name must end in .prom).")
  Path textfile;

  @Option(
      names = "--metrics-listen",
      paramLabel = "HOST:PORT",
      description =
          "Serve /metrics over HTTP there, e.g. 127.0.0.1:9464 (replaces metrics.listen; no"
              + " server unless one of them is set).")
  String listen;

  @Override
  public Integer call() {
    ServiceLogging.configure(System.getenv("JOURNAL_STREAM") != null);
    HostSession session = Front.host(paths, spec.commandLine().getErr());
    HostConventions conventions = session.conventions();
    AgentService.Loader loader = loader(config, conventions, textfile, listen);
    AgentService service =
        new AgentService(
            session, loader, Clock.systemUTC(), ZoneId.systemDefault(), Sockwarden.version());
    if (once) {
      AgentService.CycleResult result = service.cycle();
      if (result.verdict().isEmpty()) {
        return ExitCodes.OPERATIONAL;
      }
      return ExitCodes.of(result.verdict().get(), false);
    }
    for (String problem : ServiceSignals.install(service)) {
      LoggerFactory.getLogger("sockwarden").warn(problem);
    }
    service.startHttp();
    LoggerFactory.getLogger("sockwarden").info(startedLine(service));
    service.run();
    return ExitCodes.OK;
  }

  /**
   * Reads the configuration and rules for the service, with the command line's metrics options
   * (null when not given) replacing the configured ones; shared with {@code service run}.
   */
  static AgentService.Loader loader(
      ConfigOptions config, HostConventions conventions, Path textfile, String listen) {
    return () -> {
      AgentConfig cfg = config.load(conventions);
      ServiceSettings service = cfg.service();
      if (textfile != null) {
        if (!textfile.getFileName().toString().endsWith(".prom")) {
          throw new AgentException(
              Failure.INVALID, "--metrics-textfile " + textfile + ": the name must end in .prom");
        }
        service = service.withMetricsTextfile(textfile.toAbsolutePath());
      }
      if (listen != null) {
        service = service.withMetricsListen(listenAddress(listen));
      }
      RuleEngine engine = new RuleLoader(conventions.trust()).load(cfg.rulesDirs());
      return new AgentService.Loaded(cfg.withService(service), engine);
    };
  }

  /** The log line that says the service runs, and how. */
  static String startedLine(AgentService service) {
    ServiceSettings s = service.settings();
    return String.format(
        "started: every %d s, splay %d s, remediation %s%s",
        s.every().toSeconds(),
        s.splay().toSeconds(),
        s.autoRemediation() ? "auto for " + String.join(", ", s.allow()) : "report only",
        s.namespaces().hostOnly()
            ? ""
            : ", network namespaces "
                + s.namespaces().describe()
                + (s.autoRemediation() ? " (automatic fixes in the agent's own only)" : ""));
  }

  static InetSocketAddress listenAddress(String text) {
    return ListenAddress.parse("--metrics-listen", text);
  }
}
