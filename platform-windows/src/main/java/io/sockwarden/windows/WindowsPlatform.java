package io.sockwarden.windows;

import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.HostConventions;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.Platform;
import io.sockwarden.model.Remediation;
import io.sockwarden.windows.events.JnaEventLog;
import io.sockwarden.windows.ports.NetshPortSettings;
import io.sockwarden.windows.ports.OshiWmiTcpSetting;
import io.sockwarden.windows.ports.ProcessCommandRunner;
import io.sockwarden.windows.ports.WindowsPortSettings;
import io.sockwarden.windows.registry.JnaRegistry;
import io.sockwarden.windows.remediate.WindowsRemediation;
import io.sockwarden.windows.security.AclTrust;
import io.sockwarden.windows.security.Elevation;
import io.sockwarden.windows.security.JnaAclReader;
import io.sockwarden.windows.sockets.FallbackConnectionSource;
import io.sockwarden.windows.sockets.JnaTcpTable;
import io.sockwarden.windows.sockets.OshiConnectionSource;
import io.sockwarden.windows.sockets.OshiProcessOwners;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Collects Windows facts from the registry, the TCP table, netsh/WMI and the event log, and changes
 * the registry and the dynamic port range. The native adapters are created on first use, so that
 * loading this class on Linux (the agent's ServiceLoader loads every platform) touches no DLL.
 */
public final class WindowsPlatform implements Platform {
  /** Fact names in {@code @requires} and {@link io.sockwarden.model.FactGap}s. */
  public static final String SOCKETS = "sockets";

  public static final String EVENTS = "events.tcpip";
  public static final String RESERVED_PORTS = "ReservedPorts";
  public static final String EXCLUDED_RANGES = "excludedportrange.tcp";

  /** Tcpip 4227 (TIME_WAIT port reuse failed) and 4231 (ephemeral ports exhausted). */
  public static final List<Integer> EXHAUSTION_EVENTS = List.of(4227, 4231);

  /** {@code dynamicport.tcp.ipv4}: the fact name and {@code EphemeralRange.setting}. */
  public static String dynamicPortFact(String family) {
    return "dynamicport.tcp." + family;
  }

  private final Supplier<WindowsSources> sources;
  private WindowsSources made;
  private WindowsConventions conventions;

  /** On the real host, with the native adapters. */
  public WindowsPlatform() {
    this(WindowsPlatform::nativeSources);
  }

  /** With other sources (tests). */
  public WindowsPlatform(Supplier<WindowsSources> sources) {
    this.sources = sources;
  }

  private synchronized WindowsSources sources() {
    if (made == null) {
      made = sources.get();
    }
    return made;
  }

  @Override
  public String name() {
    return "windows";
  }

  @Override
  public boolean supportsCurrentHost() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  @Override
  public HostFacts collect(CollectionContext context) {
    return new WindowsCollector(sources()).collect();
  }

  @Override
  public Remediation remediation(CollectionContext context) {
    WindowsSources s = sources();
    return new WindowsRemediation(s.registry(), s.ports());
  }

  @Override
  public synchronized HostConventions conventions() {
    if (conventions == null) {
      conventions =
          new WindowsConventions(
              WindowsConventions.programData(),
              new AclTrust(new JnaAclReader(), Elevation::isElevatedSelf),
              Elevation::elevated);
    }
    return conventions;
  }

  private static WindowsSources nativeSources() {
    return new WindowsSources(
        new JnaRegistry(),
        new WindowsPortSettings(
            new OshiWmiTcpSetting(),
            new NetshPortSettings(new ProcessCommandRunner(Duration.ofSeconds(15)))),
        new FallbackConnectionSource(new OshiConnectionSource(), new JnaTcpTable()),
        new JnaEventLog(),
        new OshiProcessOwners(),
        hostname(),
        Elevation.elevated(),
        Clock.systemUTC());
  }

  private static String hostname() {
    String env = System.getenv("COMPUTERNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
