package io.sockwarden.windows;

import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.ConnectionCensus;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.FactGap;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.PortExclusion;
import io.sockwarden.model.RegistryValue;
import io.sockwarden.model.TcpipEvents;
import io.sockwarden.model.WindowsFacts;
import io.sockwarden.windows.events.EventSource;
import io.sockwarden.windows.ports.DynamicRange;
import io.sockwarden.windows.registry.RegistryException;
import io.sockwarden.windows.registry.TcpipParameters;
import io.sockwarden.windows.sockets.WindowsCensus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * One collection pass over the {@link WindowsSources}. Fails soft: every source that cannot answer
 * becomes a {@link FactGap} (or a {@link CollectionProblem}) and the rest is still collected.
 */
final class WindowsCollector {
  /** How far back port-exhaustion events are counted. */
  static final Duration EVENT_WINDOW = Duration.ofHours(24);

  private final WindowsSources sources;
  private final List<FactGap> gaps = new ArrayList<>();
  private final List<CollectionProblem> problems = new ArrayList<>();

  WindowsCollector(WindowsSources sources) {
    this.sources = sources;
  }

  HostFacts collect() {
    WindowsVersion version = version();
    List<RegistryValue> registry = new ArrayList<>();
    for (String name : TcpipParameters.DWORDS) {
      dword(name).ifPresent(registry::add);
    }
    List<String> reserved = reservedPorts();
    List<PortExclusion> exclusions = new ArrayList<>();
    List<PortExclusion> v4Excluded = excluded("ipv4");
    List<PortExclusion> v6Excluded = excluded("ipv6");
    exclusions.addAll(v4Excluded);
    exclusions.addAll(v6Excluded);
    Optional<EphemeralRange> v4 = range("ipv4", v4Excluded);
    Optional<EphemeralRange> v6 = range("ipv6", v6Excluded);
    Optional<ConnectionCensus> census = census(v4, v6, v4Excluded, v6Excluded);
    List<TcpipEvents> events = events();
    HostInfo host =
        new HostInfo(
            sources.hostname(),
            "windows",
            version.release(),
            version.major(),
            version.minor(),
            sources.elevated(),
            "host",
            "unknown");
    WindowsFacts facts =
        new WindowsFacts(
            version.product(),
            version.build(),
            registry,
            reserved,
            v6,
            exclusions,
            events,
            !registry.isEmpty());
    return new HostFacts(host, List.of(), v4, census, List.of(), facts, gaps, problems);
  }

  private WindowsVersion version() {
    try {
      return WindowsVersion.read(sources.registry());
    } catch (RegistryException e) {
      problems.add(new CollectionProblem(WindowsVersion.SOURCE, e.getMessage()));
      return new WindowsVersion("Windows (version unknown)", 0, 0, 0);
    }
  }

  private Optional<RegistryValue> dword(String name) {
    String key = TcpipParameters.KEY;
    try {
      return Optional.of(
          sources.registry().readDword(key, name).stream()
              .mapToObj(v -> RegistryValue.of(key, name, v))
              .findFirst()
              .orElse(RegistryValue.absent(key, name)));
    } catch (RegistryException e) {
      gap(
          name,
          e.code() == RegistryException.WRONG_TYPE
              ? FactGap.Kind.UNPARSABLE
              : FactGap.Kind.UNREADABLE,
          e.getMessage(),
          "HKLM\\" + key + "\\" + name);
      return Optional.empty();
    }
  }

  private List<String> reservedPorts() {
    String key = TcpipParameters.KEY;
    try {
      return sources.registry().readStrings(key, TcpipParameters.RESERVED_PORTS).orElse(List.of());
    } catch (RegistryException e) {
      gap(
          WindowsPlatform.RESERVED_PORTS,
          FactGap.Kind.UNREADABLE,
          e.getMessage(),
          "HKLM\\" + key + "\\" + TcpipParameters.RESERVED_PORTS);
      return List.of();
    }
  }

  private List<PortExclusion> excluded(String family) {
    try {
      return sources.ports().excludedRanges(family);
    } catch (IOException | RuntimeException e) {
      gap(
          WindowsPlatform.EXCLUDED_RANGES + "." + family,
          FactGap.Kind.UNREADABLE,
          String.valueOf(e.getMessage()),
          "netsh int " + family + " show excludedportrange protocol=tcp");
      return List.of();
    }
  }

  private Optional<EphemeralRange> range(String family, List<PortExclusion> excluded) {
    String fact = WindowsPlatform.dynamicPortFact(family);
    try {
      DynamicRange r = sources.ports().dynamicRange(family);
      BitSet held = new BitSet();
      for (PortExclusion e : excluded) {
        held.set(Math.max(e.low(), r.start()), Math.min(e.high(), r.end()) + 1);
      }
      return Optional.of(
          new EphemeralRange(fact, r.start(), r.end(), held.cardinality(), r.source()));
    } catch (IOException | RuntimeException e) {
      gap(
          fact,
          FactGap.Kind.UNREADABLE,
          String.valueOf(e.getMessage()),
          "WMI MSFT_NetTCPSetting, netsh int " + family + " show dynamicport tcp");
      return Optional.empty();
    }
  }

  private Optional<ConnectionCensus> census(
      Optional<EphemeralRange> v4,
      Optional<EphemeralRange> v6,
      List<PortExclusion> v4Excluded,
      List<PortExclusion> v6Excluded) {
    try {
      return Optional.of(
          WindowsCensus.of(
              sources.connections().read(),
              censusRange(v4, v4Excluded),
              censusRange(v6.or(() -> v4), v6Excluded),
              sources.owners()));
    } catch (IOException | RuntimeException e) {
      gap(
          WindowsPlatform.SOCKETS,
          FactGap.Kind.UNREADABLE,
          String.valueOf(e.getMessage()),
          "OSHI getConnections, GetExtendedTcpTable");
      return Optional.empty();
    }
  }

  /**
   * The range connections are counted in; when it is unknown, the Vista+ default 49152-65535, and
   * the census's destinations say so through the range gap.
   */
  private static WindowsCensus.Range censusRange(
      Optional<EphemeralRange> range, List<PortExclusion> excluded) {
    return range
        .map(r -> new WindowsCensus.Range(r.low(), r.high(), excluded))
        .orElse(new WindowsCensus.Range(49152, 65535, excluded));
  }

  private List<TcpipEvents> events() {
    Instant now = sources.clock().instant();
    Instant since = now.minus(EVENT_WINDOW);
    EventSource log = sources.events();
    try {
      List<EventSource.Event> read =
          log.systemEvents("Tcpip", WindowsPlatform.EXHAUSTION_EVENTS, since);
      List<TcpipEvents> result = new ArrayList<>();
      for (int id : WindowsPlatform.EXHAUSTION_EVENTS) {
        List<EventSource.Event> these = read.stream().filter(e -> e.id() == id).toList();
        Optional<Instant> latest =
            these.stream().map(EventSource.Event::time).max(Instant::compareTo);
        result.add(new TcpipEvents(id, these.size(), since, latest, log.describe()));
      }
      return result;
    } catch (IOException | RuntimeException e) {
      gap(
          WindowsPlatform.EVENTS,
          FactGap.Kind.UNREADABLE,
          String.valueOf(e.getMessage()),
          log.describe());
      return List.of();
    }
  }

  private void gap(String fact, FactGap.Kind kind, String detail, String source) {
    gaps.add(new FactGap(fact, kind, detail, source));
  }
}
