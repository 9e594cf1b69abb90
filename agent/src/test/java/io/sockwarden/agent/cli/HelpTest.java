package io.sockwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.agent.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class HelpTest {
  /** The commands section of {@code --help}: command name to its summary, continuation joined. */
  static Map<String, String> summaries(String help) {
    Map<String, String> summaries = new LinkedHashMap<>();
    List<String> lines = help.lines().toList();
    int i = lines.indexOf("Commands:") + 1;
    String current = null;
    for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
      String line = lines.get(i);
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        String[] parts = line.strip().split("\\s+", 2);
        current = parts[0];
        summaries.put(current, parts.length > 1 ? parts[1] : "");
      } else if (current != null) {
        summaries.put(current, summaries.get(current) + " " + line.strip());
      }
    }
    return summaries;
  }

  @Test
  void everyCommandHasACompleteOneLineSummary() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    Map<String, String> summaries = summaries(run.out());
    assertThat(summaries)
        .containsKeys("scan", "facts", "plan", "apply", "rollback", "history", "rules", "help");
    assertThat(summaries)
        .allSatisfy(
            (command, summary) ->
                assertThat(summary).as(command).matches("[A-Z].*[.)]").doesNotEndWith(" and."));
  }

  @Test
  void rulesListsItsSubcommandsWithCompleteSummaries() {
    Map<String, String> summaries = summaries(CliRun.of("rules", "--help").out());
    assertThat(summaries).containsKeys("list", "validate");
    assertThat(summaries).allSatisfy((c, s) -> assertThat(s).as(c).endsWith("."));
  }

  @Test
  void subcommandNamesAreTheNamesTheirCommandsDeclare() {
    assertThat(Sockwarden.SUBCOMMANDS)
        .allSatisfy(
            (name, command) ->
                assertThat(command.getAnnotation(Command.class).name()).isEqualTo(name));
  }

  @Test
  void descriptionsNamingWindowsVariablesFormatWithoutWarnings() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String help;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      help = CliRun.of("scan", "--help").out();
    } finally {
      System.setErr(original);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    assertThat(help)
        .contains("%ProgramData%\\Sockwarden\\agent")
        .contains("%ProgramData%\\Sockwarden\\state")
        .doesNotContain("%%");
  }

  @Test
  void exitCodeOneSaysAnIncompleteScanUsesIt() {
    assertThat(CliRun.of("scan", "--help").out()).contains("incomplete");
  }

  @Test
  void versionAloneOrBeforeACommandPrintsTheVersion() {
    for (String flag : List.of("--version", "-V")) {
      Captured alone = execute(flag);
      assertThat(alone.code()).as(flag).isZero();
      assertThat(alone.out()).as(flag).startsWith("sockwarden ").contains("Java ");
    }
    Captured withCommand = execute("--version", "scan");
    CliRun full = CliRun.of("--version", "scan");
    assertThat(withCommand.code()).isEqualTo(full.exitCode()).isZero();
    assertThat(withCommand.out()).isEqualTo(full.out());
  }

  private record Captured(int code, String out) {}

  private static Captured execute(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = Sockwarden.execute(args);
      return new Captured(code, out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }
}
