package io.sockwarden.agent.service;

import java.util.ArrayList;
import java.util.List;

/** Wires POSIX signals to a running {@link AgentService}: TERM and INT stop it, HUP reloads. */
public final class ServiceSignals {
  private ServiceSignals() {}

  /**
   * Installs the handlers.
   *
   * @return a line for each signal that cannot be caught on this JVM or OS
   */
  public static List<String> install(AgentService service) {
    List<String> problems = new ArrayList<>();
    Signals.on("TERM", service::requestStop).ifPresent(problems::add);
    Signals.on("INT", service::requestStop).ifPresent(problems::add);
    Signals.on("HUP", service::requestReload).ifPresent(problems::add);
    return problems;
  }
}
