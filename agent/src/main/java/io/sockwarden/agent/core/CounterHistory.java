package io.sockwarden.agent.core;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.DurableFiles;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.NetCounter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The counter baseline: the counters of the last scan that owns the window, kept in the state
 * directory ({@code counters.json}), so that a scan can say how much a counter rose <em>since
 * then</em> instead of since boot.
 *
 * <p>Only the owner of the window moves it: the scheduled scanner, or a one-shot scan asked to
 * ({@code scan --advance-counters}). Every other command compares against the baseline without
 * consuming it, so that {@code plan} followed by {@code scan} still shows an overflow. The baseline
 * is used only from the same boot and network namespace; a counter that went down (reset) counts
 * from zero.
 */
public final class CounterHistory {
  static final String FILE = "counters.json";

  /** Built on first use: a scan without a baseline to read or write never sets Jackson up. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper();
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** Who moves the baseline. */
  public enum Owner {
    /** The service's scheduled scan. */
    SCHEDULED("scheduled scan"),
    /** A one-shot scan asked to advance it. */
    MANUAL("scan that advanced the counters");

    private final String words;

    Owner(String words) {
      this.words = words;
    }
  }

  private final Path stateDir;
  private final DurableFiles files;
  private final ZoneId zone;

  /**
   * @param zone the time zone windows are described in (the host's, for people)
   */
  public CounterHistory(Path stateDir, DurableFiles files, ZoneId zone) {
    this.stateDir = stateDir;
    this.files = files;
    this.zone = zone;
  }

  /**
   * The stored document.
   *
   * @param owner {@link Owner} name; null in files written before it was recorded
   */
  record Stored(String bootId, String netns, String at, String owner, Map<String, Long> counters) {}

  /**
   * {@code facts} with counters' increases taken since the baseline where one is known, and the
   * window they cover in words.
   */
  public Compared compare(HostFacts facts, Instant now) {
    Optional<Stored> previous = load(facts.host());
    if (previous.isEmpty()) {
      return new Compared(facts, "since boot");
    }
    String window = describe(previous.get(), now);
    List<NetCounter> counters = new ArrayList<>();
    for (NetCounter c : facts.counters()) {
      Long before = previous.get().counters().get(c.name());
      if (before == null || c.value() < before) {
        counters.add(c);
      } else {
        counters.add(new NetCounter(c.name(), c.value(), c.value() - before, window, c.source()));
      }
    }
    return new Compared(facts.withCounters(counters), window);
  }

  /**
   * Facts with counters compared, and the window.
   *
   * @param facts the facts, counters' increases over {@code window}
   * @param window {@code since boot}, or {@code since the previous scheduled scan at 08:18}
   */
  public record Compared(HostFacts facts, String window) {}

  /** "since the previous scheduled scan at 08:18" (the date too when it was not today). */
  private String describe(Stored s, Instant now) {
    String who;
    try {
      who = s.owner() == null ? "scan" : Owner.valueOf(s.owner()).words;
    } catch (IllegalArgumentException e) {
      who = "scan";
    }
    try {
      ZonedDateTime at = Instant.parse(s.at()).atZone(zone);
      boolean today = at.toLocalDate().equals(LocalDate.ofInstant(now, zone));
      return "since the previous " + who + " at " + (today ? TIME : DAY_TIME).format(at);
    } catch (DateTimeParseException e) {
      return "since the previous " + who;
    }
  }

  private Optional<Stored> load(HostInfo host) {
    if (host.bootId().equals("unknown")) {
      return Optional.empty();
    }
    Path file = stateDir.resolve(FILE);
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      Stored s = Mapper.INSTANCE.readValue(file.toFile(), new TypeReference<Stored>() {});
      boolean sameHost =
          host.bootId().equals(s.bootId()) && host.networkNamespace().equals(s.netns());
      return sameHost && s.counters() != null && s.at() != null ? Optional.of(s) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // unreadable or corrupt: count since boot; the owner rewrites it
    }
  }

  /**
   * Makes {@code facts}' counters the baseline for the next comparisons.
   *
   * @return a problem to report when the state directory cannot be written
   */
  public Optional<CollectionProblem> advance(HostFacts facts, Instant at, Owner owner) {
    if (facts.counters().isEmpty()) {
      return Optional.empty();
    }
    Map<String, Long> values = new LinkedHashMap<>();
    facts.counters().forEach(c -> values.put(c.name(), c.value()));
    Stored s =
        new Stored(
            facts.host().bootId(),
            facts.host().networkNamespace(),
            at.toString(),
            owner.name(),
            values);
    try {
      files.ensurePrivateDirectory(stateDir);
      files.write(
          stateDir.resolve(FILE),
          Mapper.INSTANCE.writeValueAsBytes(s),
          DurableFiles.Visibility.PRIVATE);
      return Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of(
          new CollectionProblem(
              stateDir.toString(),
              "cannot keep counters for the next scan ("
                  + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage())
                  + "); counters are compared since boot"));
    }
  }
}
