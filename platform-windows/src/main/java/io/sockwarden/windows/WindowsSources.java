package io.sockwarden.windows;

import io.sockwarden.model.ProcessRef;
import io.sockwarden.windows.events.EventSource;
import io.sockwarden.windows.ports.PortSettings;
import io.sockwarden.windows.registry.Registry;
import io.sockwarden.windows.sockets.ConnectionSource;
import java.time.Clock;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Where the Windows facts come from: the real adapters on Windows, fakes in tests.
 *
 * @param registry HKLM
 * @param ports the dynamic and excluded port ranges
 * @param connections the TCP table
 * @param events the System event log
 * @param owners the process that owns a pid (0: not known)
 * @param hostname the computer's name
 * @param elevated whether the agent runs as an elevated administrator
 * @param clock the time events are counted back from
 */
public record WindowsSources(
    Registry registry,
    PortSettings ports,
    ConnectionSource connections,
    EventSource events,
    IntFunction<ProcessRef> owners,
    String hostname,
    boolean elevated,
    Clock clock) {
  public WindowsSources {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(owners, "owners");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(clock, "clock");
  }
}
