package io.sockwarden.agent.report;

import io.sockwarden.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Text layout helpers: ANSI colour (only when enabled) and word wrapping.
 *
 * @param colour whether to emit ANSI colour codes
 */
public record TextStyle(boolean colour) {
  static final int WIDTH = 100;

  /**
   * Colour only for a terminal: standard output is a console, the report is not written to a file,
   * and {@code NO_COLOR} (no-color.org) is not set.
   */
  public static TextStyle detect(boolean toFile) {
    boolean tty = System.console() != null && !toFile && System.getenv("NO_COLOR") == null;
    String term = System.getenv("TERM");
    return new TextStyle(tty && term != null && !term.equals("dumb"));
  }

  String severity(Severity s) {
    String label = Columns.left(s.label(), 8);
    if (!colour) {
      return label;
    }
    String code =
        switch (s) {
          case CRITICAL -> "\u001b[1;31m";
          case WARNING -> "\u001b[33m";
          case INFO -> "\u001b[36m";
        };
    return code + label + "\u001b[0m";
  }

  String bold(String text) {
    return colour ? "\u001b[1m" + text + "\u001b[0m" : text;
  }

  /** Wraps {@code text} at word boundaries, each line prefixed with {@code indent}. */
  static List<String> wrap(String text, String indent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split("\\s+")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > indent.length()) {
      lines.add(line.toString());
    }
    return lines;
  }
}
