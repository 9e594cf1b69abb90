package io.sockwarden.model;

import java.util.Objects;

/**
 * One observed value that supports a finding, with where it came from.
 *
 * @param label what was observed, e.g. {@code net.core.somaxconn}
 * @param value the observed value as text
 * @param source where it was read: a file and line, a registry path, an API
 */
public record Evidence(String label, String value, String source) {
  public Evidence {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }
}
