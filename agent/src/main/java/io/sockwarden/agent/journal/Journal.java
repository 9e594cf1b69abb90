package io.sockwarden.agent.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sockwarden.model.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The transaction journal: one durable JSON file per transaction under the state directory. An
 * entry is replaced atomically, so a crash or a full disk while rewriting it leaves the previous
 * version whole and readable.
 */
public final class Journal {
  /** Built on first use: a command that finds no journal never pays for Jackson's set-up. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  private final Path dir;
  private final DurableFiles files;

  public Journal(Path stateDir, DurableFiles files) {
    this.dir = stateDir.resolve("journal");
    this.files = files;
  }

  public Path directory() {
    return dir;
  }

  /** Writes (or rewrites) an entry durably: it is on disk when this returns. */
  public void write(JournalEntry entry) throws IOException {
    files.ensurePrivateDirectory(dir);
    files.write(
        dir.resolve(entry.id() + ".json"),
        Mapper.INSTANCE.writeValueAsBytes(entry),
        DurableFiles.Visibility.PRIVATE);
  }

  /**
   * Every entry, oldest first: by the sequence number that ends each id, which keeps creation order
   * even when two transactions share a millisecond or the clock steps back.
   *
   * @throws IOException when the directory or an entry cannot be read or parsed (naming the file)
   */
  public List<JournalEntry> entries() throws IOException {
    List<JournalEntry> entries = new ArrayList<>();
    if (!Files.exists(dir)) {
      return entries;
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.filter(Journal::isEntryFile).sorted().toList()) {
        entries.add(read(f));
      }
    }
    entries.sort(Comparator.comparingLong(e -> sequence(e.id())));
    return entries;
  }

  private static boolean isEntryFile(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".json") && !name.startsWith(".");
  }

  private static JournalEntry read(Path file) throws IOException {
    try {
      return Mapper.INSTANCE.readValue(file.toFile(), JournalEntry.class);
    } catch (IOException e) {
      throw new IOException(file + ": not a readable journal entry: " + e.getMessage(), e);
    }
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
    return Optional.of(read(file));
  }

  /** Whether any transaction was left in progress (cheap: no parsing when there is no journal). */
  public boolean hasUnfinished() throws IOException {
    if (!Files.exists(dir)) {
      return false;
    }
    return entries().stream().anyMatch(e -> e.state() == TxState.IN_PROGRESS);
  }

  /**
   * Removes old entries: beyond the newest {@code keep}, or created more than {@code maxAge} before
   * {@code now}. Never removes a transaction still in effect (an applied change) or one in
   * progress: those are what rollback and recovery need.
   *
   * @return the ids removed
   */
  public List<String> prune(int keep, Duration maxAge, Instant now) throws IOException {
    List<JournalEntry> all = entries();
    List<String> removed = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      JournalEntry e = all.get(i);
      boolean beyondCount = all.size() - i > keep;
      boolean tooOld = createdAt(e).map(t -> t.plus(maxAge).isBefore(now)).orElse(false);
      if ((beyondCount || tooOld) && !needed(e)) {
        files.delete(dir.resolve(e.id() + ".json"));
        removed.add(e.id());
      }
    }
    return removed;
  }

  private static boolean needed(JournalEntry e) {
    return e.state() == TxState.IN_PROGRESS
        || (e.state() == TxState.APPLIED && e.operation().equals("apply"));
  }

  private static Optional<Instant> createdAt(JournalEntry e) {
    try {
      return Optional.of(Instant.parse(e.createdAt()));
    } catch (DateTimeParseException | NullPointerException ex) {
      return Optional.empty();
    }
  }
}
