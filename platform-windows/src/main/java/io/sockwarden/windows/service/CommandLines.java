package io.sockwarden.windows.service;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Joins a program and its arguments into one Windows command line that {@code CommandLineToArgvW}
 * and the C runtime split back into the same words: a word with a space, tab or quote is quoted,
 * with backslashes doubled before a quote. The program path is always quoted: an unquoted service
 * path with spaces ({@code C:\Program Files\...}) lets Windows try {@code C:\Program.exe} first.
 */
public final class CommandLines {
  private CommandLines() {}

  public static String join(List<String> words) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException("no program");
    }
    String program = words.get(0);
    if (program.contains("\"")) {
      throw new IllegalArgumentException("a program path cannot contain a quote: " + program);
    }
    return "\""
        + program
        + "\""
        + words.subList(1, words.size()).stream()
            .map(w -> " " + quote(w))
            .collect(Collectors.joining());
  }

  static String quote(String word) {
    if (!word.isEmpty() && word.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
      return word;
    }
    StringBuilder out = new StringBuilder("\"");
    int backslashes = 0;
    for (char c : word.toCharArray()) {
      if (c == '\\') {
        backslashes++;
        continue;
      }
      if (c == '"') {
        out.append("\\".repeat(backslashes * 2 + 1)).append('"');
      } else {
        out.append("\\".repeat(backslashes)).append(c);
      }
      backslashes = 0;
    }
    // backslashes before the closing quote are doubled so that it stays a quote
    out.append("\\".repeat(backslashes * 2)).append('"');
    return out.toString();
  }
}
