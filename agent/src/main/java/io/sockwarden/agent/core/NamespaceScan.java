package io.sockwarden.agent.core;

import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.NetworkNamespace;
import java.util.Objects;
import java.util.Optional;

/**
 * One network namespace's part of a scan of several: its scan, or why there is none (it was gone by
 * the time it was visited, or could not be entered).
 *
 * @param namespace which namespace
 * @param scan its scan, when it could be collected
 * @param missing why there is no scan
 */
public record NamespaceScan(
    NetworkNamespace namespace, Optional<Scan> scan, Optional<CollectionProblem> missing) {
  public NamespaceScan {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(scan, "scan");
    Objects.requireNonNull(missing, "missing");
  }
}
