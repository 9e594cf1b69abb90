package io.sockwarden.agent.cli;

import io.sockwarden.agent.ExitCodes;
import io.sockwarden.agent.report.FactsTextReport;
import io.sockwarden.agent.report.Format;
import io.sockwarden.agent.report.Json;
import io.sockwarden.agent.scan.Scan;
import io.sockwarden.model.HostFacts;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sockwarden facts}: print what was collected, without evaluating rules. */
@Command(
    name = "facts",
    description = {
      "Print the facts collected from this host, each with where it was read.",
      "Changes nothing and evaluates no rules."
    })
public final class FactsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Clock clock = Clock.systemUTC();
    HostSession session = HostSession.open(paths.context(), spec.commandLine().getErr());
    HostFacts facts = session.platform.collect(paths.context());
    Scan scan = new Scan(clock.instant(), facts, List.of());
    String report =
        output.format == Format.json
            ? Json.facts(scan)
            : FactsTextReport.render(scan, output.style());
    output.emit(report, spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
