package io.sockwarden.model;

import java.util.Objects;

/**
 * Something a collector could not read. Collectors fail soft: a scan completes with what it could
 * read and reports these.
 *
 * @param source the file, key or API that failed
 * @param message why, in words
 */
public record CollectionProblem(String source, String message) {
  public CollectionProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }
}
