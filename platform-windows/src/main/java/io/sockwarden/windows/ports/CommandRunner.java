package io.sockwarden.windows.ports;

import java.io.IOException;
import java.util.List;

/** Runs a program and returns its standard output; a seam for tests (netsh fixtures). */
@FunctionalInterface
public interface CommandRunner {
  /**
   * @throws IOException when it cannot be started, runs too long, or exits with a non-zero status
   */
  String run(List<String> command) throws IOException;
}
