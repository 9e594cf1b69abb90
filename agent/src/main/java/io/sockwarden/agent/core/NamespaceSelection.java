package io.sockwarden.agent.core;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.model.NetworkNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which network namespaces a scan covers: the agent's own ({@link #HOST}, the default), every one
 * on the host ({@link #ALL}), or the ones named by label or inode (the agent's own is always
 * scanned too: it holds the host-wide facts).
 *
 * @param all every namespace
 * @param selectors labels, inodes or {@code net:[INODE]}; empty with {@code all} false means the
 *     agent's own only
 */
public record NamespaceSelection(boolean all, List<String> selectors) {
  public static final NamespaceSelection HOST = new NamespaceSelection(false, List.of());
  public static final NamespaceSelection ALL = new NamespaceSelection(true, List.of());

  public NamespaceSelection {
    Objects.requireNonNull(selectors, "selectors");
    selectors = List.copyOf(selectors);
  }

  /** The namespaces named by {@code selectors}. */
  public static NamespaceSelection of(List<String> selectors) {
    return new NamespaceSelection(false, selectors);
  }

  /** Whether only the agent's own namespace is scanned (the plain scan). */
  public boolean hostOnly() {
    return !all && selectors.isEmpty();
  }

  /**
   * The namespaces of {@code discovered} this selection covers, the agent's own first.
   *
   * @return the chosen ones, and the selectors that matched none
   */
  public Chosen choose(List<NetworkNamespace> discovered) {
    List<NetworkNamespace> chosen = new ArrayList<>();
    List<String> unmatched = new ArrayList<>();
    for (NetworkNamespace ns : discovered) {
      if (all
          || ns.kind() == NetworkNamespace.Kind.HOST
          || selectors.stream().anyMatch(ns::matches)) {
        chosen.add(ns);
      }
    }
    for (String s : selectors) {
      if (discovered.stream().noneMatch(ns -> ns.matches(s))) {
        unmatched.add(s);
      }
    }
    return new Chosen(chosen, unmatched);
  }

  /** The chosen namespaces and the selectors that matched none. */
  public record Chosen(List<NetworkNamespace> namespaces, List<String> unmatched) {}

  /**
   * The one namespace {@code selector} names among {@code discovered}.
   *
   * @throws AgentException (invalid) when it names none or several
   */
  public static NetworkNamespace one(String selector, List<NetworkNamespace> discovered) {
    List<NetworkNamespace> matching = discovered.stream().filter(n -> n.matches(selector)).toList();
    if (matching.size() == 1) {
      return matching.get(0);
    }
    if (discovered.isEmpty()) {
      throw new AgentException(
          Failure.INVALID, "--namespace: this platform has no network namespaces to choose from");
    }
    throw new AgentException(
        Failure.INVALID,
        "--namespace "
            + selector
            + ": "
            + (matching.isEmpty()
                ? "no network namespace has this label or inode"
                : "several namespaces match")
            + "; the namespaces here: "
            + String.join(", ", discovered.stream().map(NetworkNamespace::describe).toList()));
  }
}
