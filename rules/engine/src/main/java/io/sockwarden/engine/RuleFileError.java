package io.sockwarden.engine;

import java.nio.file.Path;

/**
 * A problem with one rule file, located as precisely as Drools allows.
 *
 * @param file the rule file, or the directory when the problem is the directory's
 * @param line 1-based line, 0 when unknown
 * @param message what is wrong
 */
public record RuleFileError(Path file, int line, String message) {
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
