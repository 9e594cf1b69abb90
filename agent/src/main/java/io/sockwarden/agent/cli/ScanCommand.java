package io.sockwarden.agent.cli;

import io.sockwarden.agent.ExitCodes;
import io.sockwarden.agent.report.Format;
import io.sockwarden.agent.report.Json;
import io.sockwarden.agent.report.ScanTextReport;
import io.sockwarden.agent.scan.Scan;
import io.sockwarden.model.Severity;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sockwarden scan}: collect facts, evaluate rules, print findings. Changes nothing. */
@Command(
    name = "scan",
    description = {
      "Collect facts about this host, evaluate the rules and print the findings.",
      "Changes nothing. Exits 3 when a finding is at or above --fail-on."
    })
public final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;
  @Mixin ConfigOptions config;
  @Mixin OutputOptions output;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description =
          "Lowest severity that makes the scan exit 3: info, warning or critical"
              + " (default: fail-on from the configuration, else warning).")
  Severity failOn;

  private final Clock clock;

  public ScanCommand() {
    this(Clock.systemUTC());
  }

  ScanCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    ScanSetup setup = ScanSetup.run(paths, config, clock, spec.commandLine().getErr());
    Scan scan = setup.scan();
    Severity threshold = failOn != null ? failOn : setup.config().failOn();
    String report =
        output.format == Format.json
            ? Json.scan(scan, threshold)
            : ScanTextReport.render(scan, threshold, output.style());
    output.emit(report, spec.commandLine().getOut());
    return scan.countAtLeast(threshold) > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
