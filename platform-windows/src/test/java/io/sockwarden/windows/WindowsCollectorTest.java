package io.sockwarden.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.FactGap;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.PortExclusion;
import io.sockwarden.model.ProcessRef;
import io.sockwarden.model.RegistryValue;
import io.sockwarden.model.TcpipEvents;
import io.sockwarden.model.WindowsFacts;
import io.sockwarden.windows.events.EventSource;
import io.sockwarden.windows.registry.InMemoryRegistry;
import io.sockwarden.windows.registry.TcpipParameters;
import io.sockwarden.windows.sockets.ConnectionSource;
import io.sockwarden.windows.sockets.Connections;
import io.sockwarden.windows.sockets.TcpRow;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsCollectorTest {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final String KEY = TcpipParameters.KEY;

  static InMemoryRegistry server2019() {
    return new InMemoryRegistry()
        .withKey(KEY)
        .withStrings(
            TcpipParameters.CURRENT_VERSION, "ProductName", "Windows Server 2019 Datacenter")
        .withStrings(TcpipParameters.CURRENT_VERSION, "ReleaseId", "1809")
        .withStrings(TcpipParameters.CURRENT_VERSION, "CurrentBuildNumber", "17763")
        .withStrings(TcpipParameters.CURRENT_VERSION, "CurrentVersion", "6.3")
        .withDword(TcpipParameters.CURRENT_VERSION, "CurrentMajorVersionNumber", 10)
        .withDword(TcpipParameters.CURRENT_VERSION, "CurrentMinorVersionNumber", 0);
  }

  static EventSource events(List<EventSource.Event> events) {
    return new EventSource() {
      @Override
      public List<Event> systemEvents(String source, List<Integer> ids, Instant since) {
        return events.stream().filter(e -> !e.time().isBefore(since)).toList();
      }

      @Override
      public String describe() {
        return "fake event log";
      }
    };
  }

  static WindowsSources sources(
      InMemoryRegistry registry,
      FakePortSettings ports,
      ConnectionSource connections,
      EventSource events) {
    return new WindowsSources(
        registry,
        ports,
        connections,
        events,
        pid -> ProcessRef.unknown("pid " + pid),
        "WIN-TEST",
        true,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static HostFacts collect(WindowsSources s) {
    return new WindowsPlatform(() -> s).collect(null);
  }

  @Test
  void collectsEveryFactWithItsSource() {
    InMemoryRegistry registry =
        server2019()
            .withDword(KEY, "TcpTimedWaitDelay", 240)
            .withStrings(KEY, "ReservedPorts", "50000-50100");
    FakePortSettings ports =
        new FakePortSettings().exclude(new PortExclusion("ipv4", 50000, 50059, true, "netsh"));
    ConnectionSource table =
        () ->
            new Connections(
                List.of(
                    new TcpRow(
                        "ESTABLISHED",
                        new byte[] {10, 0, 0, 5},
                        49200,
                        new byte[] {10, 0, 0, 9},
                        443,
                        1),
                    new TcpRow(
                        "TIME_WAIT",
                        new byte[] {10, 0, 0, 5},
                        49201,
                        new byte[] {10, 0, 0, 9},
                        443,
                        0)),
                "fake table");
    HostFacts f =
        collect(
            sources(
                registry,
                ports,
                table,
                events(
                    List.of(
                        new EventSource.Event(4231, NOW.minusSeconds(60)),
                        new EventSource.Event(4231, NOW.minusSeconds(30)),
                        new EventSource.Event(4227, NOW.minusSeconds(90_000))))));

    assertThat(f.gaps()).isEmpty();
    assertThat(f.host().os()).isEqualTo("windows");
    assertThat(f.host().kernelRelease()).isEqualTo("10.0.17763");
    assertThat(f.host().kernelMajor()).isEqualTo(10);
    WindowsFacts w = (WindowsFacts) f.platform();
    assertThat(w.product()).isEqualTo("Windows Server 2019 Datacenter 1809");
    assertThat(w.build()).isEqualTo(17763);
    assertThat(w.settingsRead()).isTrue();
    assertThat(w.registryValue("MaxUserPort")).contains(RegistryValue.absent(KEY, "MaxUserPort"));
    assertThat(w.registryValue("TcpTimedWaitDelay"))
        .contains(RegistryValue.of(KEY, "TcpTimedWaitDelay", 240));
    assertThat(w.reservedPorts()).containsExactly("50000-50100");
    assertThat(f.ephemeralRange())
        .hasValueSatisfying(
            r -> {
              assertThat(r.setting()).isEqualTo("dynamicport.tcp.ipv4");
              assertThat(r.low()).isEqualTo(49152);
              assertThat(r.high()).isEqualTo(65535);
              assertThat(r.reserved()).isEqualTo(60);
              assertThat(r.usable()).isEqualTo(16324);
            });
    assertThat(w.ipv6Range()).hasValueSatisfying(r -> assertThat(r.reserved()).isZero());
    assertThat(f.census())
        .hasValueSatisfying(
            c -> {
              assertThat(c.states().timeWait()).isEqualTo(1);
              assertThat(c.destinations())
                  .singleElement()
                  .satisfies(d -> assertThat(d.total()).isEqualTo(2));
            });
    assertThat(w.events())
        .extracting(TcpipEvents::eventId, TcpipEvents::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(4227, 0),
            org.assertj.core.groups.Tuple.tuple(4231, 2));
    assertThat(w.events().get(1).latest()).contains(NOW.minusSeconds(30));
    assertThat(f.all()).contains(w.registry().get(0), w.ipv6Range().get());
  }

  @Test
  void missingSourcesAreGapsNotDefaults() {
    ConnectionSource broken =
        () -> {
          throw new IOException("GetExtendedTcpTable failed: 87");
        };
    EventSource noLog =
        new EventSource() {
          @Override
          public List<Event> systemEvents(String s, List<Integer> ids, Instant since)
              throws IOException {
            throw new IOException("cannot open the System event log");
          }

          @Override
          public String describe() {
            return "fake event log";
          }
        };
    HostFacts f =
        collect(
            sources(
                server2019(),
                new FakePortSettings().failing("ipv4").failing("ipv6"),
                broken,
                noLog));
    assertThat(f.gaps())
        .extracting(FactGap::fact)
        .containsExactlyInAnyOrder(
            "excludedportrange.tcp.ipv4",
            "excludedportrange.tcp.ipv6",
            "dynamicport.tcp.ipv4",
            "dynamicport.tcp.ipv6",
            "sockets",
            "events.tcpip");
    assertThat(f.gaps()).allMatch(g -> g.kind() == FactGap.Kind.UNREADABLE);
    assertThat(f.ephemeralRange()).isEmpty();
    assertThat(f.census()).isEmpty();
    assertThat(f.platform().settingsRead()).isTrue();
  }

  @Test
  void anUnreadableRegistryKeyIsAGapAndNoSettingsRead() {
    InMemoryRegistry registry = server2019().denying(KEY);
    HostFacts f =
        collect(
            sources(
                registry,
                new FakePortSettings(),
                () -> new Connections(List.of(), "t"),
                events(List.of())));
    assertThat(f.gaps())
        .extracting(FactGap::fact)
        .containsExactlyInAnyOrder("MaxUserPort", "TcpTimedWaitDelay", "ReservedPorts");
    assertThat(f.gaps().get(0).detail()).contains("Win32 error 5");
    assertThat(f.platform().settingsRead()).isFalse();
  }

  @Test
  void aValueOfTheWrongTypeIsUnparsable() {
    InMemoryRegistry registry = server2019().withStrings(KEY, "MaxUserPort", "65534");
    HostFacts f =
        collect(
            sources(
                registry,
                new FakePortSettings(),
                () -> new Connections(List.of(), "t"),
                events(List.of())));
    assertThat(f.gaps())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.fact()).isEqualTo("MaxUserPort");
              assertThat(g.kind()).isEqualTo(FactGap.Kind.UNPARSABLE);
            });
  }

  @Test
  void readsTheVersionOfOldWindowsFromCurrentVersion() {
    InMemoryRegistry xp =
        new InMemoryRegistry()
            .withKey(KEY)
            .withStrings(
                TcpipParameters.CURRENT_VERSION, "ProductName", "Microsoft Windows Server 2003")
            .withStrings(TcpipParameters.CURRENT_VERSION, "CurrentVersion", "5.2")
            .withStrings(TcpipParameters.CURRENT_VERSION, "CurrentBuildNumber", "3790");
    HostFacts f =
        collect(
            sources(
                xp,
                new FakePortSettings(),
                () -> new Connections(List.of(), "t"),
                events(List.of())));
    assertThat(f.host().kernelRelease()).isEqualTo("5.2.3790");
    assertThat(f.host().kernelAtLeast(6, 0)).isFalse();
  }

  @Test
  void supportsOnlyWindowsAndLoadsNothingNativeOnConstruction() {
    WindowsPlatform p = new WindowsPlatform();
    assertThat(p.name()).isEqualTo("windows");
    assertThat(p.supportsCurrentHost())
        .isEqualTo(System.getProperty("os.name").toLowerCase().startsWith("windows"));
  }
}
