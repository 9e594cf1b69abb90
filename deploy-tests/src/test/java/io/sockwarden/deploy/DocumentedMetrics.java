package io.sockwarden.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names docs/metrics.md documents, as Prometheus stores them: a counter {@code x} is
 * queried as {@code x_total} (the table names it so already) and the info metric as {@code x_info}.
 */
final class DocumentedMetrics {
  private static final Pattern NAME = Pattern.compile("sockwarden_[a-z_]+");

  private DocumentedMetrics() {}

  static Set<String> names() throws IOException {
    String doc = Files.readString(FleetTools.repo().resolve("docs/metrics.md"));
    Set<String> names = new TreeSet<>();
    for (String line : doc.lines().toList()) {
      if (line.startsWith("| `sockwarden_")) {
        Matcher m = NAME.matcher(line);
        if (m.find()) {
          names.add(m.group());
        }
      }
    }
    return names;
  }

  /** Every sockwarden_* name used in {@code text}. */
  static Set<String> usedIn(String text) {
    Set<String> used = new TreeSet<>();
    Matcher m = NAME.matcher(text);
    while (m.find()) {
      used.add(m.group());
    }
    return used;
  }
}
