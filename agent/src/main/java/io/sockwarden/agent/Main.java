package io.sockwarden.agent;

import io.sockwarden.agent.cli.Sockwarden;
import io.sockwarden.agent.logging.CommandLineLogging;
import io.sockwarden.engine.RuleEngine;
import java.util.Set;
import org.slf4j.LoggerFactory;

/** The {@code sockwarden} program's entry point. */
public final class Main {
  /** Commands that evaluate the built-in rules. */
  private static final Set<String> EVALUATING = Set.of("scan", "plan", "apply", "run");

  private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

  /** Regular expressions, comma-separated, naming types picocli is not to convert. */
  static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

  private Main() {}

  public static void main(String[] args) {
    chooseProviders();
    if (evaluatesRules(args)) {
      if (args[0].equals("run")) {
        // run configures logging, so logging is set up first, on this thread: while another
        // thread is initialising it, SLF4J hands out a stand-in factory, and configuring that
        // would configure nothing.
        LoggerFactory.getILoggerFactory();
      }
      // Builds the rule base on the second core while the command parses its arguments and
      // collects facts. Otherwise that thread sets up logging too (Drools logs through SLF4J);
      // this one logs nothing before it has taken the rule base.
      RuleEngine.prepareBuiltIn();
    }
    System.exit(Sockwarden.execute(args));
  }

  /**
   * Names the implementations that SLF4J and picocli would otherwise search the class path for,
   * each a read of every jar: SLF4J's logging provider ({@link CommandLineLogging}), and picocli's
   * Groovy closure support, which Sockwarden does not use. Also leaves out picocli's converters for
   * {@code java.time} and {@code java.sql} types, which it sets up by reflection at every start and
   * no option of Sockwarden's has. A value given on the command line (in {@code
   * SOCKWARDEN_JAVA_OPTS}) is kept.
   */
  static void chooseProviders() {
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", CommandLineLogging.class.getName());
      // Otherwise SLF4J says on standard error which provider it was told to load.
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "WARN");
      }
    }
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
    if (System.getProperty(CONVERTER_EXCLUDES) == null) {
      System.setProperty(CONVERTER_EXCLUDES, "java\\.time\\..*,java\\.sql\\..*");
    }
  }

  /** Whether the command line runs a command that evaluates rules (not only its help). */
  static boolean evaluatesRules(String... args) {
    if (args.length == 0 || !EVALUATING.contains(args[0])) {
      return false;
    }
    for (String arg : args) {
      if (HELP.contains(arg)) {
        return false;
      }
    }
    return true;
  }
}
