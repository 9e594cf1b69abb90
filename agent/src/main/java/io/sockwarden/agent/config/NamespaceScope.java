package io.sockwarden.agent.config;

import java.util.List;
import java.util.Objects;

/**
 * Which network namespaces {@code sockwarden run} scans each cycle (the {@code namespaces} key):
 * the agent's own only ({@link #HOST}, the default: the service as it always was), every one on the
 * host ({@link #ALL}), or the ones a list names by label, inode or {@code net:[INODE]} (the agent's
 * own is scanned too: it holds the host-wide facts).
 *
 * @param all every namespace
 * @param labels the namespaces named; empty with {@code all} false means the agent's own only
 */
public record NamespaceScope(boolean all, List<String> labels) {
  public static final NamespaceScope HOST = new NamespaceScope(false, List.of());
  public static final NamespaceScope ALL = new NamespaceScope(true, List.of());

  public NamespaceScope {
    Objects.requireNonNull(labels, "labels");
    labels = List.copyOf(labels);
    if (all && !labels.isEmpty()) {
      throw new IllegalArgumentException("all namespaces, or the ones named: not both");
    }
  }

  /** The namespaces {@code labels} name, besides the agent's own. */
  public static NamespaceScope of(List<String> labels) {
    return new NamespaceScope(false, labels);
  }

  /** Whether only the agent's own namespace is scanned. */
  public boolean hostOnly() {
    return !all && labels.isEmpty();
  }

  /** {@code host}, {@code all}, or the labels, as the configuration file writes them. */
  public String describe() {
    return all ? "all" : labels.isEmpty() ? "host" : "[" + String.join(", ", labels) + "]";
  }
}
