package io.sockwarden.model;

/**
 * The port an operating system implements: collect the facts rules reason about. Implementations
 * are found at run time with {@link java.util.ServiceLoader}; the agent uses the first whose {@link
 * #supportsCurrentHost()} is true.
 *
 * <p>Collectors fail soft: a fact that cannot be read becomes a {@link CollectionProblem}, never an
 * exception.
 */
public interface Platform {
  /** Short name, e.g. {@code linux}. */
  String name();

  /** Whether this implementation can run on the host the JVM runs on. */
  boolean supportsCurrentHost();

  /** Collects the host's facts. Never throws for an unreadable fact; reports it as a problem. */
  HostFacts collect(CollectionContext context);

  /** Whether the platform has network namespaces to discover, scan and change (Linux). */
  default boolean hasNetworkNamespaces() {
    return false;
  }

  /**
   * Every network namespace of the host, the agent's own first. Empty where the platform has no
   * such thing or cannot enumerate them (the default).
   */
  default java.util.List<NetworkNamespace> networkNamespaces(CollectionContext context) {
    return java.util.List.of();
  }

  /**
   * Collects the facts of each of {@code namespaces}, in order, from inside each: the agent's own
   * namespace as {@link #collect} does, the others without the host-wide facts, which are judged
   * once, in the agent's own. A namespace that is gone by the time it is visited yields a {@link
   * NamespaceFacts#missing} entry, never an exception.
   *
   * @throws UnsupportedOperationException where the platform has no namespaces (the default)
   */
  default java.util.List<NamespaceFacts> collectNamespaces(
      CollectionContext context, java.util.List<NetworkNamespace> namespaces) {
    throw new UnsupportedOperationException(name() + " has no network namespaces to scan");
  }

  /** The change side, for the host paths of {@code context}. */
  Remediation remediation(CollectionContext context);

  /**
   * The change side inside {@code namespace}, another network namespace than the agent's own: it
   * reads and writes the live values there, from inside, and writes no configuration file (a
   * container's namespace has none).
   *
   * @throws UnsupportedOperationException where the platform has no namespaces (the default)
   */
  default Remediation remediation(CollectionContext context, NetworkNamespace namespace) {
    throw new UnsupportedOperationException(name() + " has no network namespaces to change");
  }

  /** The agent's own paths, file trust, durable writes and privilege check on this platform. */
  HostConventions conventions();
}
