package io.sockwarden.agent.journal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The crash tests' pause, provided through {@link java.util.ServiceLoader} from the test class path
 * only: when the environment variable {@code SOCKWARDEN_TEST_PAUSE_AT} names the point reached, the
 * process writes its PID to {@code SOCKWARDEN_TEST_PAUSE_FILE} and waits (at most 60 s) for the
 * test to kill it.
 */
public final class PausingCheckpoints implements Checkpoints {
  private final String at = System.getenv("SOCKWARDEN_TEST_PAUSE_AT");
  private final String file = System.getenv("SOCKWARDEN_TEST_PAUSE_FILE");

  @Override
  public void reach(String point) {
    if (at == null || file == null || !point.equals(at)) {
      return;
    }
    try {
      Files.writeString(Path.of(file), Long.toString(ProcessHandle.current().pid()));
      Thread.sleep(60_000);
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(99);
  }
}
