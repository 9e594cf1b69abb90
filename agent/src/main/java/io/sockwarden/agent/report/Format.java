package io.sockwarden.agent.report;

/** Output formats of {@code scan} and {@code facts}. */
public enum Format {
  text,
  json
}
