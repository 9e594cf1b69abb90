package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.core.Platforms;
import io.sockwarden.agent.core.RuleLoader;
import io.sockwarden.agent.report.Format;
import io.sockwarden.agent.report.Json;
import io.sockwarden.engine.AdministratorRules;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.engine.RuleInfo;
import io.sockwarden.engine.RuleLoadException;
import io.sockwarden.model.FileTrust;
import io.sockwarden.model.HostConventions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sockwarden rules list|validate}. */
@Command(
    name = "rules",
    header = "List the rules, or check administrator rule files.",
    description = "List the rules, or check administrator rule files.",
    subcommands = {RulesCommand.ListRules.class, RulesCommand.Validate.class})
public final class RulesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** {@code sockwarden rules list}. */
  @Command(
      name = "list",
      header = "List every rule: built-in ones and those in the rules directories.",
      description = "List every rule: built-in ones and those in the rules directories.")
  static final class ListRules implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOptions config;
    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      HostConventions conventions = Platforms.current().conventions();
      AgentConfig cfg = config.load(conventions);
      RuleEngine engine = new RuleLoader(conventions.trust()).load(cfg.rulesDirs());
      List<RuleInfo> rules = engine.rules();
      String report;
      if (output.format == Format.json) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (RuleInfo r : rules) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", r.id());
          m.put("severity", r.severity().label());
          m.put("name", r.name());
          m.put("origin", r.origin());
          list.add(m);
        }
        report = Json.write(Map.of("schemaVersion", Json.SCHEMA_VERSION, "rules", list));
      } else {
        int w = rules.stream().mapToInt(r -> r.id().length()).max().orElse(10) + 2;
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-" + w + "s%-10s%-64s%s%n", "ID", "SEVERITY", "NAME", "ORIGIN"));
        for (RuleInfo r : rules) {
          b.append(
              String.format(
                  "%-" + w + "s%-10s%-64s%s%n",
                  r.id(),
                  r.severity().label(),
                  r.name(),
                  r.origin()));
        }
        report = b.toString();
      }
      output.emit(report, spec.commandLine().getOut());
      return ExitCodes.OK;
    }
  }

  /** {@code sockwarden rules validate [DIR...]}. */
  @Command(
      name = "validate",
      header = "Compile administrator rule files and report every error with file:line.",
      description = {
        "Compile administrator rule files and report every error with file:line.",
        "Also checks that each file and directory is owned by root (or the user running the"
            + " agent) and not writable by group or others, and that every rule has @id and"
            + " @severity. Exits 2 on any problem."
      })
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOptions config;

    @Parameters(
        paramLabel = "DIR",
        arity = "0..*",
        description = "Rule directories or files to check (default: the configured rules-dirs).")
    List<Path> targets;

    @Override
    public Integer call() {
      HostConventions conventions = Platforms.current().conventions();
      FileTrust trust = conventions.trust();
      List<Path> dirs = new ArrayList<>();
      List<Path> files = new ArrayList<>();
      if (targets == null || targets.isEmpty()) {
        dirs.addAll(config.load(conventions).rulesDirs());
      } else {
        for (Path t : targets) {
          if (Files.isDirectory(t)) {
            dirs.add(t);
          } else if (Files.isRegularFile(t)) {
            files.add(t);
          } else {
            throw new AgentException(Failure.INVALID, t + ": no such file or directory");
          }
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      try {
        files.addAll(AdministratorRules.ruleFiles(dirs, trust));
        if (files.isEmpty()) {
          out.println("No rule files (*.drl) in " + dirs + ".");
          return ExitCodes.OK;
        }
        AdministratorRules rules = AdministratorRules.compile(files, trust);
        RuleEngine.withAdministratorRules(rules);
        out.println(
            "OK: "
                + rules.rules().size()
                + " rules in "
                + files.size()
                + " files compile and may be loaded.");
        for (RuleInfo r : rules.rules()) {
          out.println(
              "    "
                  + r.id()
                  + "  "
                  + r.severity().label()
                  + "  "
                  + r.name()
                  + "  ("
                  + r.origin()
                  + ")");
        }
        return ExitCodes.OK;
      } catch (RuleLoadException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("sockwarden: rule files have " + e.errors().size() + " problem(s):");
        e.errors().forEach(x -> err.println("  " + x));
        err.flush();
        return ExitCodes.USAGE;
      }
    }
  }
}
