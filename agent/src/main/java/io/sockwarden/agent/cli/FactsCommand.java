package io.sockwarden.agent.cli;

import io.sockwarden.agent.core.FactCollector;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.agent.report.FactsTextReport;
import io.sockwarden.agent.report.Format;
import io.sockwarden.agent.report.Json;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sockwarden facts}: print what was collected, without evaluating rules. */
@Command(
    name = "facts",
    header = "Print the facts collected from this host, each with where it was read.",
    description = {
      "Print the facts collected from this host, each with where it was read, and the facts that"
          + " could not be collected with the reason. Changes nothing and evaluates no rules;"
          + " counters are compared with the baseline without moving it."
    })
public final class FactsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    HostSession session = Front.host(paths, spec.commandLine().getErr());
    Scan scan =
        new FactCollector(session, ZoneId.systemDefault())
            .collect(FactCollector.CounterMode.COMPARE);
    String report =
        output.format == Format.json
            ? Json.facts(scan)
            : FactsTextReport.render(scan, output.style());
    output.emit(report, spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
