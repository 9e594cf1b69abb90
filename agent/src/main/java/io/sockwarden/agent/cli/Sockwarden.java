package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sockwarden}: the top-level command and the configured command line. */
@Command(
    name = "sockwarden",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Sockwarden.Version.class,
    description = {
      "Keeps hosts from hitting TCP connection-capacity walls: accept-queue overflow, ephemeral"
          + " port exhaustion, TIME_WAIT build-up and file-descriptor limits.",
      "",
      "Scans report findings and change nothing; changes are made only by an explicit apply."
    },
    exitCodeListHeading = "%nExit codes:%n")
public final class Sockwarden implements Runnable {
  /**
   * The subcommands by name, in the order {@code --help} lists them. The names are spelled out so
   * that choosing the one to build does not read every command class's annotations (a test checks
   * they match).
   */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("scan", ScanCommand.class);
    m.put("facts", FactsCommand.class);
    m.put("plan", PlanCommand.class);
    m.put("apply", ApplyCommand.class);
    m.put("rollback", RollbackCommand.class);
    m.put("history", HistoryCommand.class);
    m.put("rules", RulesCommand.class);
    m.put("run", RunCommand.class);
    m.put("service", ServiceCommand.class);
    m.put("help", CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(m);
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Runs the command line and returns the exit code. */
  public static int execute(String... args) {
    return commandLine(args.length > 0 ? args[0] : null, args.length == 1).execute(args);
  }

  /** The configured command line; tests execute it with captured output. */
  public static CommandLine commandLine() {
    return commandLine(null, false);
  }

  /**
   * The command line with every subcommand; only with {@code only} when that names one other than
   * {@code help}; and with none when the whole command line is {@code --version}: picocli builds
   * each subcommand's model by reflection, a large share of a command's start-up.
   */
  private static CommandLine commandLine(String only, boolean alone) {
    boolean one = only != null && !only.equals("help") && SUBCOMMANDS.containsKey(only);
    boolean none = alone && ("-V".equals(only) || "--version".equals(only));
    CommandLine cl = new CommandLine(new Sockwarden());
    SUBCOMMANDS.forEach(
        (name, c) -> {
          if (!none && (!one || name.equals(only))) {
            cl.addSubcommand(name, c);
          }
        });
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    Map<String, String> codes = new LinkedHashMap<>();
    for (String entry : ExitCodes.HELP) {
      int colon = entry.indexOf(':');
      codes.put(String.format("%3s", entry.substring(0, colon)), entry.substring(colon + 1));
    }
    applyExitCodes(cl, codes);
    cl.setParameterExceptionHandler(new UsageErrors());
    cl.setExecutionExceptionHandler(new Failures());
    return cl;
  }

  // The two handlers are classes rather than lambdas: picocli's handler interfaces are compiled for
  // Java 5, and the class-data archive can hold neither a lambda implementing them nor, once such a
  // lambda is in the training run, the interfaces themselves. Loading them from the jar at every
  // start would make this thread wait while the rule-base thread opens every jar on the class path.

  /** A usage error: the message, a suggestion or the synopsis, where to read more; exit 2. */
  private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("sockwarden: " + ex.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
        err.print(cmd.getHelp().synopsis(0));
      }
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more.");
      err.flush();
      return ExitCodes.USAGE;
    }
  }

  /** A command that failed: the core's typed failure, or an internal error with its trace. */
  private static final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
      PrintWriter err = commandLine.getErr();
      if (ex instanceof AgentException ae) {
        err.println("sockwarden: " + ae.getMessage());
        err.flush();
        return ExitCodes.of(ae.failure());
      }
      err.println("sockwarden: internal error: " + ex);
      ex.printStackTrace(err);
      err.flush();
      return ExitCodes.OPERATIONAL;
    }
  }

  private static void applyExitCodes(CommandLine cl, Map<String, String> codes) {
    cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    for (CommandLine sub : cl.getSubcommands().values()) {
      applyExitCodes(sub, codes);
    }
  }

  /** The agent's version from the jar manifest, or {@code development} in a source build. */
  static String version() {
    String v = Sockwarden.class.getPackage().getImplementationVersion();
    return v != null ? v : "development";
  }

  /** The version from the jar manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Sockwarden.class.getPackage().getImplementationVersion();
      return new String[] {
        "sockwarden " + (v != null ? v : "(development build)"),
        "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
      };
    }
  }
}
