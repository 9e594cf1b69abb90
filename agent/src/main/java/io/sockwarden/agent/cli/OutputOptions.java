package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.report.Format;
import io.sockwarden.agent.report.TextStyle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Option;

/** The report's format and destination. */
public final class OutputOptions {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE (replaced atomically) instead of standard output.")
  Path output;

  TextStyle style() {
    return TextStyle.detect(output != null);
  }

  /** Writes the report to {@code --output} or to {@code out}. */
  void emit(String report, PrintWriter out) {
    if (output == null) {
      out.print(report);
      out.flush();
      return;
    }
    Path target = output.toAbsolutePath();
    Path temp = null;
    try {
      temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.writeString(temp, report, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
      } catch (IOException ignored) {
        // the original error is the one to report
      }
      throw new AgentException(
          Failure.OPERATIONAL, output + ": cannot write the report: " + e.getMessage());
    }
  }
}
