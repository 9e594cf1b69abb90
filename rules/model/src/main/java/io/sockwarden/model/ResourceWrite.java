package io.sockwarden.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One write of a prepared change set: make {@code resource}'s content {@code target}.
 *
 * @param resource what is written
 * @param target the content it must have afterwards (empty: absent)
 */
public record ResourceWrite(Resource resource, Optional<byte[]> target) {
  public ResourceWrite {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(target, "target");
  }
}
