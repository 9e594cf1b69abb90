package io.sockwarden.engine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds where a rule and its metadata are in a DRL file's text, for error messages: Drools keeps no
 * line numbers in a compiled rule.
 */
final class RuleLocations {
  private final List<String> lines;

  RuleLocations(List<String> lines) {
    this.lines = List.copyOf(lines);
  }

  /**
   * The 1-based line of {@code @key} in rule {@code name}, else of the rule's header, else 0.
   *
   * @param key a metadata key such as {@code requires}, or null for the header
   */
  int line(String name, String key) {
    Pattern header =
        Pattern.compile(
            "^\\s*rule\\s+(\""
                + Pattern.quote(name)
                + "\"|'"
                + Pattern.quote(name)
                + "'|"
                + Pattern.quote(name)
                + "(\\s|$))");
    for (int i = 0; i < lines.size(); i++) {
      if (header.matcher(lines.get(i)).find()) {
        if (key != null) {
          Pattern annotation = Pattern.compile("@" + Pattern.quote(key) + "\\b");
          for (int j = i; j < lines.size() && !lines.get(j).strip().startsWith("when"); j++) {
            if (annotation.matcher(lines.get(j)).find()) {
              return j + 1;
            }
          }
        }
        return i + 1;
      }
    }
    return 0;
  }
}
