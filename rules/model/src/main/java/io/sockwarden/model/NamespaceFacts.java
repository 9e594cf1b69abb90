package io.sockwarden.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What was collected inside one network namespace: its facts, or why there are none (it disappeared
 * between discovery and the visit, or could not be entered).
 *
 * @param namespace which namespace
 * @param facts its facts, with the host-wide ones only for the agent's own namespace
 * @param missing why there are no facts, when there are none
 */
public record NamespaceFacts(
    NetworkNamespace namespace, Optional<HostFacts> facts, Optional<CollectionProblem> missing) {
  public NamespaceFacts {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(missing, "missing");
    if (facts.isPresent() == missing.isPresent()) {
      throw new IllegalArgumentException("either facts or the reason there are none");
    }
  }

  public static NamespaceFacts of(NetworkNamespace namespace, HostFacts facts) {
    return new NamespaceFacts(namespace, Optional.of(facts), Optional.empty());
  }

  public static NamespaceFacts missing(NetworkNamespace namespace, CollectionProblem why) {
    return new NamespaceFacts(namespace, Optional.empty(), Optional.of(why));
  }
}
