package io.sockwarden.agent.journal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named points in a transaction where tests stop the process, to prove crash safety with a real
 * {@code kill -9}. Inert unless the environment variable {@code SOCKWARDEN_TEST_PAUSE_AT} names the
 * point: then the process writes its PID to {@code SOCKWARDEN_TEST_PAUSE_FILE} and waits (at most
 * 60 s) to be killed.
 */
@FunctionalInterface
public interface Checkpoints {
  void reach(String point);

  /** Does nothing. */
  Checkpoints NONE = point -> {};

  /** The environment-controlled pause used by crash tests; {@link #NONE} when not configured. */
  static Checkpoints fromEnvironment() {
    String at = System.getenv("SOCKWARDEN_TEST_PAUSE_AT");
    String file = System.getenv("SOCKWARDEN_TEST_PAUSE_FILE");
    if (at == null || file == null) {
      return NONE;
    }
    return point -> {
      if (!point.equals(at)) {
        return;
      }
      try {
        Files.writeString(Path.of(file), Long.toString(ProcessHandle.current().pid()));
        Thread.sleep(60_000);
      } catch (Exception e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(99);
    };
  }
}
