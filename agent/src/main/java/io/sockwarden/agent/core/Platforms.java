package io.sockwarden.agent.core;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.model.Platform;
import java.util.ServiceLoader;

/** Finds the {@link Platform} implementation for the host this JVM runs on. */
public final class Platforms {
  private Platforms() {}

  public static Platform current() {
    for (Platform p : ServiceLoader.load(Platform.class)) {
      if (p.supportsCurrentHost()) {
        return p;
      }
    }
    throw new AgentException(
        Failure.OPERATIONAL,
        "no platform implementation supports this host (os.name="
            + System.getProperty("os.name")
            + "); Sockwarden runs on Linux and Windows");
  }
}
