package io.sockwarden.windows.service;

import io.sockwarden.model.ServiceHost;
import io.sockwarden.model.ServiceHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory service database: services, their states, and every call made. */
final class FakeServiceDatabase implements ServiceDatabase {
  record Service(String displayName, String commandLine, boolean automatic) {}

  final Map<String, Service> services = new LinkedHashMap<>();
  final Map<String, String> states = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();

  /** How many queries after a stop the service still reports stop pending. */
  int queriesUntilStopped = 2;

  /** Queries left before a stop takes effect; -1 when the service never stops. */
  private int stopping = -1;

  @Override
  public void create(String name, String displayName, String commandLine, boolean automatic) {
    calls.add("create " + name);
    if (services.containsKey(name)) {
      throw new ServiceHostException(ServiceHostException.Reason.EXISTS, 1073, "exists");
    }
    services.put(name, new Service(displayName, commandLine, automatic));
    states.put(name, "stopped");
  }

  @Override
  public void describe(String name, String description) {
    calls.add("describe " + name + ": " + description);
  }

  @Override
  public void recovery(String name, RecoveryActions actions) {
    calls.add("recovery " + name + " " + actions.restartDelays());
  }

  /** Refuses the failure actions flag, as Wine does (ERROR_INVALID_LEVEL). */
  boolean flagUnsupported;

  @Override
  public void recoveryOnNonCrashFailures(String name, boolean on) {
    if (flagUnsupported) {
      throw new ServiceHostException(ServiceHostException.Reason.FAILED, 124, "Invalid level");
    }
    calls.add("recovery flag " + name + " " + on);
  }

  @Override
  public Optional<ServiceHost.Status> query(String name) {
    if (!services.containsKey(name)) {
      return Optional.empty();
    }
    if (stopping > 0 && --stopping == 0) {
      states.put(name, "stopped");
    }
    return Optional.of(new ServiceHost.Status(states.get(name), 42, 0, 0));
  }

  @Override
  public void stop(String name) {
    calls.add("stop " + name);
    states.put(name, "stop pending");
    stopping = queriesUntilStopped;
  }

  @Override
  public void delete(String name) {
    calls.add("delete " + name);
    services.remove(name);
  }

  @Override
  public void event(String source, ServiceHost.EventKind kind, String message) {
    calls.add("event " + kind + " " + message);
  }
}
