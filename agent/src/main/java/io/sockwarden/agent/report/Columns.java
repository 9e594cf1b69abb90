package io.sockwarden.agent.report;

/**
 * A value as a text column, padded with spaces to a width as {@code %-Ns} and {@code %Ns} pad it,
 * never cut. Reports build their tables with these rather than {@link String#format}, which parses
 * its pattern at every call: a large share of printing a report in a command that runs once.
 */
final class Columns {
  private Columns() {}

  /** {@code value} and then spaces up to {@code width} characters ({@code %-Ns}). */
  static String left(Object value, int width) {
    String s = String.valueOf(value);
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** Spaces up to {@code width} characters and then {@code value} ({@code %Ns}). */
  static String right(Object value, int width) {
    String s = String.valueOf(value);
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
