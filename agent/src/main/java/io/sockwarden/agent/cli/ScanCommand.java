package io.sockwarden.agent.cli;

import io.sockwarden.agent.core.FactCollector;
import io.sockwarden.agent.core.NamespaceSelection;
import io.sockwarden.agent.core.NamespacesScan;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.agent.core.ScanService;
import io.sockwarden.agent.core.Verdict;
import io.sockwarden.agent.report.Format;
import io.sockwarden.agent.report.Json;
import io.sockwarden.agent.report.NamespacesTextReport;
import io.sockwarden.agent.report.ScanTextReport;
import io.sockwarden.model.Severity;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sockwarden scan}: collect facts, evaluate rules, print findings. Changes nothing. */
@Command(
    name = "scan",
    header = "Collect facts, evaluate the rules and print the findings; changes nothing.",
    description = {
      "Collect facts about this host, evaluate the rules and print the findings.",
      "",
      "The verdict is compliant (exit 0), findings at or above --fail-on (exit 3), or incomplete"
          + " (exit 1): a rule that applies to this host could not be evaluated because a fact it"
          + " needs could not be read or parsed, or the rule itself failed. The report names each"
          + " such rule and why. A fact the host simply does not have (an older kernel without a"
          + " parameter) makes the rules that need it not applicable, which does not affect the"
          + " verdict.",
      "",
      "Counter increases (ListenOverflows, ...) are compared with the baseline that the"
          + " scheduled service keeps, or with boot when there is none; a one-shot scan leaves the"
          + " baseline where it is unless --advance-counters is given."
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

  @Option(
      names = "--allow-incomplete",
      description =
          "Exit 0 instead of 1 when the verdict is incomplete (the report still says which rules"
              + " were not evaluated and why).")
  boolean allowIncomplete;

  @Option(
      names = "--advance-counters",
      description =
          "Make this scan the new counter baseline, as the scheduled service does: the next scan"
              + " reports increases since this one.")
  boolean advanceCounters;

  @Option(
      names = "--all-namespaces",
      description =
          "Scan every network namespace on the host (containers, pods, `ip netns`), each from"
              + " inside, with the same rules; findings name their namespace. The host-wide facts"
              + " (fs.*, the boot configuration) are judged once, in the agent's own namespace."
              + " A namespace that disappears during the scan is reported, not failed. Needs"
              + " root.")
  boolean allNamespaces;

  @Override
  public Integer call() {
    ScanService scans = Front.scans(paths, config, spec.commandLine().getErr());
    FactCollector.CounterMode mode =
        advanceCounters ? FactCollector.CounterMode.MANUAL : FactCollector.CounterMode.COMPARE;
    Severity threshold = failOn != null ? failOn : scans.config().failOn();
    if (allNamespaces) {
      NamespacesScan all = scans.scanNamespaces(NamespaceSelection.ALL, mode);
      output.emit(
          output.format == Format.json
              ? Json.namespaces(all, threshold)
              : NamespacesTextReport.render(all, threshold, output.style()),
          spec.commandLine().getOut());
      return ExitCodes.of(all.verdict(threshold), allowIncomplete);
    }
    Scan scan = scans.scan(mode);
    String report =
        output.format == Format.json
            ? Json.scan(scan, threshold)
            : ScanTextReport.render(scan, threshold, output.style());
    output.emit(report, spec.commandLine().getOut());
    Verdict verdict = scan.verdict(threshold);
    return ExitCodes.of(verdict, allowIncomplete);
  }
}
