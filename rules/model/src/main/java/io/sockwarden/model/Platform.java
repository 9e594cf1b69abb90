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

  /** The change side, for the host paths of {@code context}. */
  Remediation remediation(CollectionContext context);

  /** The agent's own paths, file trust, durable writes and privilege check on this platform. */
  HostConventions conventions();
}
