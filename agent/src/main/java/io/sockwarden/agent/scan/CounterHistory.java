package io.sockwarden.agent.scan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.agent.journal.DurableFiles;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.NetCounter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the previous scan's counters in the state directory ({@code counters.json}), so that a scan
 * can say how much a counter rose <em>since the last scan</em> instead of since boot. The previous
 * values are used only when they come from the same boot and network namespace; a counter that went
 * down (reset) counts from zero.
 */
public final class CounterHistory {
  static final String FILE = "counters.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path stateDir;

  public CounterHistory(Path stateDir) {
    this.stateDir = stateDir;
  }

  /** The stored document. */
  record Stored(String bootId, String netns, String at, Map<String, Long> counters) {}

  /** {@code facts} with counters' increases taken since the previous scan where one is known. */
  public HostFacts apply(HostFacts facts) {
    Stored previous = load(facts.host());
    if (previous == null) {
      return facts;
    }
    List<NetCounter> counters = new ArrayList<>();
    for (NetCounter c : facts.counters()) {
      Long before = previous.counters().get(c.name());
      if (before == null || c.value() < before) {
        counters.add(c);
      } else {
        counters.add(
            new NetCounter(
                c.name(), c.value(), c.value() - before, "since " + previous.at(), c.source()));
      }
    }
    return facts.withCounters(counters);
  }

  private Stored load(HostInfo host) {
    if (host.bootId().equals("unknown")) {
      return null;
    }
    Path file = stateDir.resolve(FILE);
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      Stored s = MAPPER.readValue(file.toFile(), new TypeReference<Stored>() {});
      boolean sameHost =
          host.bootId().equals(s.bootId()) && host.networkNamespace().equals(s.netns());
      return sameHost && s.counters() != null && s.at() != null ? s : null;
    } catch (IOException e) {
      return null; // unreadable or corrupt history: count since boot, and overwrite it
    }
  }

  /**
   * Stores {@code facts}' counters for the next scan.
   *
   * @return a problem to report when the state directory cannot be written, else null
   */
  public CollectionProblem save(HostFacts facts, Instant at) {
    if (facts.counters().isEmpty()) {
      return null;
    }
    Map<String, Long> values = new LinkedHashMap<>();
    facts.counters().forEach(c -> values.put(c.name(), c.value()));
    Stored s =
        new Stored(facts.host().bootId(), facts.host().networkNamespace(), at.toString(), values);
    try {
      DurableFiles.write(stateDir.resolve(FILE), MAPPER.writeValueAsBytes(s));
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      return new CollectionProblem(
          stateDir.toString(),
          "cannot keep counters for the next scan ("
              + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage())
              + "); counters are compared since boot");
    }
  }
}
