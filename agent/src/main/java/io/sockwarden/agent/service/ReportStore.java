package io.sockwarden.agent.service;

import io.sockwarden.model.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The service's scan reports: one JSON file per cycle in {@code <state-dir>/reports/}, named by its
 * time ({@code 20261123T081800Z.json}), plus {@code latest.json}, each written atomically; old ones
 * pruned by count and age.
 */
public final class ReportStore {
  static final String LATEST = "latest.json";
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;
  private final DurableFiles files;

  public ReportStore(Path stateDir, DurableFiles files) {
    this.dir = stateDir.resolve("reports");
    this.files = files;
  }

  public Path directory() {
    return dir;
  }

  /** Writes the report of a scan taken {@code at}, and makes it {@code latest.json}. */
  public Path write(String json, Instant at) throws IOException {
    files.ensurePrivateDirectory(dir);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve(NAME.format(at) + ".json");
    files.write(file, bytes, DurableFiles.Visibility.PRIVATE);
    files.write(dir.resolve(LATEST), bytes, DurableFiles.Visibility.PRIVATE);
    return file;
  }

  /**
   * Removes reports beyond the newest {@code keep} or older than {@code maxAge}; {@code
   * latest.json} stays.
   *
   * @return how many were removed
   */
  public int prune(int keep, Duration maxAge, Instant now) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> reports = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(ReportStore::isReport).sorted().forEach(reports::add);
    }
    int removed = 0;
    for (int i = 0; i < reports.size(); i++) {
      Path p = reports.get(i);
      boolean beyondCount = reports.size() - i > keep;
      boolean tooOld = Files.getLastModifiedTime(p).toInstant().plus(maxAge).isBefore(now);
      if (beyondCount || tooOld) {
        files.delete(p);
        removed++;
      }
    }
    return removed;
  }

  private static boolean isReport(Path p) {
    String name = p.getFileName().toString();
    return name.matches("\\d{8}T\\d{6}Z\\.json");
  }
}
