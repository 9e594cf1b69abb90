package io.sockwarden.agent.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The transaction journal: one durable JSON file per transaction under the state directory. */
public final class Journal {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Path dir;

  public Journal(Path stateDir) {
    this.dir = stateDir.resolve("journal");
  }

  public Path directory() {
    return dir;
  }

  /** Writes (or rewrites) an entry durably: it is on disk when this returns. */
  public void write(JournalEntry entry) throws IOException {
    DurableFiles.write(dir.resolve(entry.id() + ".json"), MAPPER.writeValueAsBytes(entry));
  }

  /**
   * Every entry, oldest first: by the sequence number that ends each id, which keeps creation order
   * even when two transactions share a millisecond or the clock steps back.
   */
  public List<JournalEntry> entries() throws IOException {
    List<JournalEntry> entries = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return entries;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        entries.add(MAPPER.readValue(f.toFile(), JournalEntry.class));
      }
    }
    entries.sort(java.util.Comparator.comparingLong(e -> sequence(e.id())));
    return entries;
  }

  /** The sequence number for the next transaction. */
  public long nextSequence() throws IOException {
    return entries().stream().mapToLong(e -> sequence(e.id())).max().orElse(0) + 1;
  }

  static long sequence(String id) {
    try {
      return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public Optional<JournalEntry> find(String id) throws IOException {
    Path file = dir.resolve(id + ".json");
    if (!id.matches("[0-9A-Za-z-]+") || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(MAPPER.readValue(file.toFile(), JournalEntry.class));
  }

  /** Whether any transaction was left in progress (cheap: no parsing when there is no journal). */
  public boolean hasUnfinished() throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    return entries().stream().anyMatch(e -> e.state() == TxState.IN_PROGRESS);
  }
}
