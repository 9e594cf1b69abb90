package io.sockwarden.linux.remediate;

import io.sockwarden.linux.sysctl.SysctlConfigFile;
import io.sockwarden.model.SysctlAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text of the agent's sysctl file with some keys set: an existing line for a key gets the new
 * value in place (later duplicates are dropped), a new key is appended, every other line is kept as
 * it was.
 */
final class OwnedFileContent {
  static final String HEADER =
      "# Managed by Sockwarden. `sockwarden history` lists its changes and `sockwarden rollback`\n"
          + "# restores what was here before. Edits by hand are reported as drift.\n";

  private OwnedFileContent() {}

  static String with(String existing, Map<String, String> values, String fileName) {
    List<String> lines =
        existing.isEmpty()
            ? new ArrayList<>(HEADER.lines().toList())
            : new ArrayList<>(existing.lines().toList());
    List<SysctlAssignment> assignments = SysctlConfigFile.parse(lines, fileName).assignments();
    java.util.Set<String> done = new java.util.HashSet<>();
    List<Integer> drop = new ArrayList<>();
    for (SysctlAssignment a : assignments) {
      String value = values.get(a.key());
      if (value == null) {
        continue;
      }
      if (done.add(a.key())) {
        lines.set(a.line() - 1, a.key() + " = " + value);
      } else {
        drop.add(a.line() - 1);
      }
    }
    for (int i = drop.size() - 1; i >= 0; i--) {
      lines.remove((int) drop.get(i));
    }
    values.forEach(
        (key, value) -> {
          if (!done.contains(key)) {
            lines.add(key + " = " + value);
          }
        });
    return String.join("\n", lines) + "\n";
  }
}
