package io.sockwarden.linux.sysctl;

import io.sockwarden.model.SysctlAssignment;
import java.util.ArrayList;
import java.util.List;

/**
 * The syntax of one sysctl configuration file (sysctl.d(5)).
 *
 * <ul>
 *   <li>Blank lines and lines whose first non-blank character is {@code #} or {@code ;} are
 *       comments.
 *   <li>Other lines are {@code key = value}; white space around both is ignored.
 *   <li>A key may use {@code /} as separator. When its first separator is {@code /}, dots in it are
 *       literal (an interface named {@code eth0.100}) and are kept as {@code /} in the dotted form,
 *       the convention of sysctl(8).
 *   <li>A key starting with {@code -} is applied with errors ignored.
 * </ul>
 */
public final class SysctlConfigFile {
  private SysctlConfigFile() {}

  /** What a file holds: its assignments in order, and the lines that could not be parsed. */
  public record Parsed(List<SysctlAssignment> assignments, List<String> malformed) {}

  public static Parsed parse(List<String> lines, String file) {
    List<SysctlAssignment> assignments = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        malformed.add(file + ":" + lineNo + ": no '=' in '" + line + "'");
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      boolean ignoreErrors = key.startsWith("-");
      if (ignoreErrors) {
        key = key.substring(1).strip();
      }
      if (key.isEmpty()) {
        malformed.add(file + ":" + lineNo + ": empty key in '" + line + "'");
        continue;
      }
      assignments.add(new SysctlAssignment(dotted(key), value, file, lineNo, ignoreErrors));
    }
    return new Parsed(assignments, malformed);
  }

  /** The dotted form of a key written with either separator. */
  public static String dotted(String key) {
    int slash = key.indexOf('/');
    int dot = key.indexOf('.');
    if (slash >= 0 && (dot < 0 || slash < dot)) {
      // Slash-separated: swap, so literal dots survive as '/' (sysctl(8) convention).
      StringBuilder out = new StringBuilder(key.length());
      for (char c : key.toCharArray()) {
        out.append(c == '/' ? '.' : c == '.' ? '/' : c);
      }
      return out.toString();
    }
    return key;
  }
}
