package io.sockwarden.agent.core;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.model.ServiceHost;
import java.util.ServiceLoader;

/** Finds the {@link ServiceHost} for this host: on Windows the service control manager. */
public final class ServiceHosts {
  private ServiceHosts() {}

  /**
   * @throws AgentException (invalid) on a host without one: Linux, where systemd runs {@code
   *     sockwarden run} and signals it
   */
  public static ServiceHost current() {
    for (ServiceHost h : ServiceLoader.load(ServiceHost.class)) {
      if (h.supportsCurrentHost()) {
        return h;
      }
    }
    throw new AgentException(
        Failure.INVALID,
        "'sockwarden service' is for Windows (os.name="
            + System.getProperty("os.name")
            + "); on Linux the systemd unit runs 'sockwarden run'");
  }
}
