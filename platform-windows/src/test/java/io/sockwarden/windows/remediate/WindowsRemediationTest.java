package io.sockwarden.windows.remediate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.model.ApplyMode;
import io.sockwarden.model.Change;
import io.sockwarden.model.ChangeRejectedException;
import io.sockwarden.model.ConnectionCensus;
import io.sockwarden.model.DynamicPortRangeChange;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.Listener;
import io.sockwarden.model.PortExclusion;
import io.sockwarden.model.PreparedChanges;
import io.sockwarden.model.ProcessRef;
import io.sockwarden.model.RegistryChange;
import io.sockwarden.model.Resource;
import io.sockwarden.model.ResourceWrite;
import io.sockwarden.model.TcpStates;
import io.sockwarden.model.WindowsFacts;
import io.sockwarden.windows.FakePortSettings;
import io.sockwarden.windows.registry.InMemoryRegistry;
import io.sockwarden.windows.registry.TcpipParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WindowsRemediationTest {
  static final String KEY = TcpipParameters.KEY;
  final InMemoryRegistry registry =
      new InMemoryRegistry().withKey(KEY).withDword(KEY, "TcpTimedWaitDelay", 240);
  final FakePortSettings ports =
      new FakePortSettings().exclude(new PortExclusion("ipv4", 40000, 40099, true, "netsh"));
  final WindowsRemediation remediation = new WindowsRemediation(registry, ports);

  static HostFacts facts(List<Listener> listeners, List<PortExclusion> exclusions) {
    HostInfo host = new HostInfo("WIN", "windows", "10.0.17763", 10, 0, true, "host", "unknown");
    return new HostFacts(
        host,
        List.of(),
        Optional.empty(),
        Optional.of(new ConnectionCensus(new TcpStates(Map.of(), "t"), listeners, List.of(), "t")),
        List.of(),
        new WindowsFacts(
            "Windows Server 2019",
            17763,
            List.of(),
            List.of(),
            Optional.empty(),
            exclusions,
            List.of(),
            true),
        List.of(),
        List.of());
  }

  static final HostFacts QUIET = facts(List.of(), List.of());

  static RegistryChange maxUserPort(long to) {
    return new RegistryChange(KEY, "MaxUserPort", OptionalLong.empty(), to, true);
  }

  static RegistryChange delay(long to) {
    return new RegistryChange(KEY, "TcpTimedWaitDelay", OptionalLong.of(240), to, true);
  }

  static void apply(PreparedChanges p) throws IOException {
    for (ResourceWrite w : p.writes()) {
      w.resource().write(w.target());
    }
  }

  @Test
  void registryChangesShowTheRebootAndRestoreAnAbsentValueByDeletingIt() throws Exception {
    PreparedChanges p =
        remediation.prepare(
            List.of(maxUserPort(65534), delay(60)), QUIET, ApplyMode.LIVE_AND_PERSISTENT);
    assertThat(p.lines())
        .containsExactly(
            "HKLM\\" + KEY + "\\MaxUserPort:",
            "    registry    not set -> 65534  (reboot required)",
            "HKLM\\" + KEY + "\\TcpTimedWaitDelay:",
            "    registry    240 -> 60  (reboot required)");
    assertThat(p.warnings()).hasSize(2).allMatch(w -> w.contains("reboot"));

    // What the journal does: read every original, write, then restore the originals.
    List<Optional<byte[]>> originals = new java.util.ArrayList<>();
    for (ResourceWrite w : p.writes()) {
      originals.add(w.resource().read());
    }
    assertThat(originals.get(0)).isEmpty();
    apply(p);
    assertThat(registry.raw(KEY, "MaxUserPort")).contains(65534L);
    assertThat(registry.raw(KEY, "TcpTimedWaitDelay")).contains(60L);

    for (int i = 0; i < p.writes().size(); i++) {
      Resource r = remediation.resource(p.writes().get(i).resource().id());
      r.write(originals.get(i));
    }
    assertThat(registry.raw(KEY, "MaxUserPort")).isEmpty();
    assertThat(registry.raw(KEY, "TcpTimedWaitDelay")).contains(240L);
  }

  @Test
  void aValueAlreadyInPlaceIsNotWritten() throws Exception {
    registry.withDword(KEY, "MaxUserPort", 65534);
    PreparedChanges p =
        remediation.prepare(List.of(maxUserPort(65534)), QUIET, ApplyMode.LIVE_AND_PERSISTENT);
    assertThat(p.nothingToDo()).isTrue();
    assertThat(p.lines()).contains("    registry    65534 -> 65534  (already)  (reboot required)");
  }

  @Test
  void valuesOutsideTheirBoundsAreRefused() {
    assertThatThrownBy(
            () ->
                remediation.prepare(
                    List.of(maxUserPort(4999), maxUserPort(70000), delay(29), delay(301)),
                    QUIET,
                    ApplyMode.LIVE_AND_PERSISTENT))
        .isInstanceOfSatisfying(
            ChangeRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ChangeRejectedException.Reason.INVALID);
              assertThat(e.problems())
                  .anyMatch(m -> m.contains("70000 is outside 5000-65534"))
                  .anyMatch(m -> m.contains("is outside 30-300"));
            });
  }

  @Test
  void onlyTheTcpipDwordsMayBeChanged() {
    Change other = new RegistryChange("SOFTWARE\\Evil", "Run", OptionalLong.empty(), 1, false);
    Change value = new RegistryChange(KEY, "EnableDeadGWDetect", OptionalLong.empty(), 1, false);
    assertThatThrownBy(
            () -> remediation.prepare(List.of(other, value), QUIET, ApplyMode.LIVE_AND_PERSISTENT))
        .isInstanceOf(ChangeRejectedException.class)
        .hasMessageContaining("the agent changes only [MaxUserPort, TcpTimedWaitDelay]");
    assertThatThrownBy(() -> remediation.resource("registry:HKLM\\SOFTWARE\\Evil\\Run"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> remediation.resource(RegistryDwordResource.PREFIX + "Hostname"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> remediation.resource("netsh:dynamicport:tcp:ipx"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(remediation.resource(RegistryDwordResource.PREFIX + "MaxUserPort").describe())
        .contains("MaxUserPort");
  }

  @Test
  void aRegistryValueHasNoLiveSide() {
    assertThatThrownBy(() -> remediation.prepare(List.of(delay(60)), QUIET, ApplyMode.LIVE_ONLY))
        .isInstanceOf(ChangeRejectedException.class)
        .hasMessageContaining("reads it at boot");
  }

  @Test
  void duplicatesMergeTowardTheSaferValue() throws Exception {
    PreparedChanges p =
        remediation.prepare(
            List.of(maxUserPort(60000), maxUserPort(65534), delay(120), delay(60)),
            QUIET,
            ApplyMode.LIVE_AND_PERSISTENT);
    assertThat(p.changes())
        .containsExactly(
            new RegistryChange(KEY, "MaxUserPort", OptionalLong.empty(), 65534, true),
            new RegistryChange(KEY, "TcpTimedWaitDelay", OptionalLong.of(240), 60, true));
  }

  @Test
  void theDynamicRangeIsSetWithNetshAndRestoredTheSameWay() throws Exception {
    DynamicPortRangeChange wider = new DynamicPortRangeChange("ipv4", 49152, 16384, 32768, 32768);
    PreparedChanges p = remediation.prepare(List.of(wider), QUIET, ApplyMode.LIVE_AND_PERSISTENT);
    assertThat(p.lines())
        .containsExactly(
            "TCP dynamic port range (ipv4):",
            "    netsh       49152-65535 (16384 ports) -> 32768-65535 (32768 ports)  (live, no reboot)");
    Resource range = p.writes().get(0).resource();
    Optional<byte[]> original = range.read();
    assertThat(new String(original.orElseThrow(), StandardCharsets.US_ASCII))
        .isEqualTo("start=49152 num=16384");
    apply(p);
    assertThat(ports.dynamicRange("ipv4").start()).isEqualTo(32768);
    remediation.resource(range.id()).write(original);
    assertThat(ports.dynamicRange("ipv4").start()).isEqualTo(49152);
    assertThat(ports.sets)
        .containsExactly("ipv4 start=32768 num=32768", "ipv4 start=49152 num=16384");
    assertThatThrownBy(() -> range.write(Optional.empty())).isInstanceOf(IOException.class);
  }

  @Test
  void theRangeIsValidated() {
    for (DynamicPortRangeChange bad :
        List.of(
            new DynamicPortRangeChange("ipv4", 49152, 16384, 1024, 1000),
            new DynamicPortRangeChange("ipv4", 49152, 16384, 60000, 254),
            new DynamicPortRangeChange("ipv4", 49152, 16384, 60000, 6000))) {
      assertThatThrownBy(
              () -> remediation.prepare(List.of(bad), QUIET, ApplyMode.LIVE_AND_PERSISTENT))
          .isInstanceOf(ChangeRejectedException.class);
    }
  }

  @Test
  void theRangeMustNotNewlyCoverListenersOrExcludedRanges() {
    Listener sql = new Listener("0.0.0.0", 33000, 0, -1, new ProcessRef(2000, "sqlservr.exe"), "t");
    Listener inRange = new Listener("0.0.0.0", 50000, 0, -1, new ProcessRef(2001, "x.exe"), "t");
    HostFacts facts =
        facts(
            List.of(sql, inRange), List.of(new PortExclusion("ipv4", 40000, 40099, true, "netsh")));
    DynamicPortRangeChange wider = new DynamicPortRangeChange("ipv4", 49152, 16384, 32768, 32768);
    assertThatThrownBy(
            () -> remediation.prepare(List.of(wider), facts, ApplyMode.LIVE_AND_PERSISTENT))
        .isInstanceOfSatisfying(
            ChangeRejectedException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "TCP dynamic port range (ipv4): 32768-65535 would cover ports services listen on [33000]; choose a range above them",
                        "TCP dynamic port range (ipv4): 32768-65535 would overlap the excluded port range 40000-40099; choose a range beside it"));
  }

  @Test
  void netshChangesBothSidesAtOnce() {
    DynamicPortRangeChange wider = new DynamicPortRangeChange("ipv4", 49152, 16384, 32768, 32768);
    assertThatThrownBy(() -> remediation.prepare(List.of(wider), QUIET, ApplyMode.PERSISTENT_ONLY))
        .isInstanceOf(ChangeRejectedException.class)
        .hasMessageContaining("--persist-only");
  }

  @Test
  void theScopeIsTheHost() {
    assertThat(remediation.scope()).isEqualTo("host");
    assertThat(remediation.verify(new PreparedChanges(List.of(), List.of(), List.of(), List.of())))
        .isEmpty();
  }
}
