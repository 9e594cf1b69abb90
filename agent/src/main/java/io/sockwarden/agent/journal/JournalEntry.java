package io.sockwarden.agent.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One transaction as stored in {@code <state-dir>/journal/<id>.json}. Contents are stored
 * base64-encoded so that any bytes survive exactly; {@code null} stands for "absent".
 *
 * @param id time and sequence number, e.g. {@code 20261122T012313042Z-0007}
 * @param createdAt ISO-8601 time
 * @param user who ran it ({@code root}, or {@code root (sudo by alice)})
 * @param scope where its live values were written ({@code net:[4026531840]}); null in entries
 *     written before it was recorded
 * @param namespace the label of that network namespace ({@code docker:web}) when it is not the
 *     agent's own; null otherwise
 * @param operation {@code apply} or {@code rollback}
 * @param rollsBack for a rollback, the transaction it undoes
 * @param changes what the transaction changes, one line each
 * @param items every resource written, with its original and target content
 * @param state where it stands
 * @param log what happened, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(
    String id,
    String createdAt,
    String user,
    String scope,
    String namespace,
    String operation,
    String rollsBack,
    List<String> changes,
    List<Item> items,
    TxState state,
    List<String> log) {

  public JournalEntry {
    changes = List.copyOf(changes);
    items = List.copyOf(items);
    log = List.copyOf(log);
  }

  /**
   * One resource of a transaction.
   *
   * @param resource the resource id
   * @param description for people
   * @param original base64 content before the transaction, null when absent
   * @param target base64 content the transaction writes, null when it removes the resource
   */
  public record Item(String resource, String description, String original, String target) {
    public Optional<byte[]> originalBytes() {
      return decode(original);
    }

    public Optional<byte[]> targetBytes() {
      return decode(target);
    }
  }

  /** Whether its live values may be restored from {@code currentScope}. */
  public boolean inScope(String currentScope) {
    return scope == null || scope.equals(currentScope);
  }

  public JournalEntry withState(TxState newState, String logLine) {
    List<String> more = new ArrayList<>(log);
    more.add(logLine);
    return new JournalEntry(
        id, createdAt, user, scope, namespace, operation, rollsBack, changes, items, newState,
        more);
  }

  static String encode(Optional<byte[]> content) {
    return content.map(b -> Base64.getEncoder().encodeToString(b)).orElse(null);
  }

  static Optional<byte[]> decode(String text) {
    return text == null ? Optional.empty() : Optional.of(Base64.getDecoder().decode(text));
  }
}
