package io.sockwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.Change;
import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.DynamicPortRangeChange;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.FactGap;
import io.sockwarden.model.Finding;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.Listener;
import io.sockwarden.model.Policy;
import io.sockwarden.model.ProcessRef;
import io.sockwarden.model.RegistryChange;
import io.sockwarden.model.RegistryValue;
import io.sockwarden.model.Severity;
import io.sockwarden.model.TcpStates;
import io.sockwarden.model.TcpipEvents;
import io.sockwarden.model.UnevaluatedRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Windows rules against facts as the Windows platform collects them. */
class WinRulesTest {
  static final String KEY = "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
  static final HostInfo SERVER_2019 =
      new HostInfo("WIN-TEST", "windows", "10.0.17763", 10, 0, true, "host", "unknown");
  static final HostInfo SERVER_2003 =
      new HostInfo("WIN-OLD", "windows", "5.2.3790", 5, 2, true, "host", "unknown");
  static final Instant SINCE = Instant.parse("2026-11-22T10:00:00Z");

  static EphemeralRange v4(int low, int high, int reserved) {
    return new EphemeralRange("dynamicport.tcp.ipv4", low, high, reserved, "netsh");
  }

  static EphemeralRange v6(int low, int high) {
    return new EphemeralRange("dynamicport.tcp.ipv6", low, high, 0, "netsh");
  }

  static TcpStates states(long established, long timeWait) {
    return new TcpStates(Map.of("ESTABLISHED", established, "TIME_WAIT", timeWait), "table");
  }

  static RegistryValue absent(String name) {
    return RegistryValue.absent(KEY, name);
  }

  static RegistryValue set(String name, long value) {
    return RegistryValue.of(KEY, name, value);
  }

  static TcpipEvents events(int id, int count) {
    return new TcpipEvents(
        id, count, SINCE, count > 0 ? Optional.of(SINCE.plusSeconds(60)) : Optional.empty(), "log");
  }

  /** A Windows Server 2019 with its defaults and a quiet TCP table. */
  static List<Object> defaults() {
    return new ArrayList<>(
        List.of(
            SERVER_2019,
            Policy.DEFAULTS,
            absent("MaxUserPort"),
            absent("TcpTimedWaitDelay"),
            v4(49152, 65535, 0),
            v6(49152, 65535),
            states(40, 12),
            new Listener("0.0.0.0", 135, 0, -1, new ProcessRef(1032, "svchost.exe"), "table"),
            new DestinationPorts("10.0.0.9", 443, 20, 5, 0, "table"),
            events(4227, 0),
            events(4231, 0)));
  }

  static List<Finding> evaluate(List<Object> facts) {
    return RuleEngineTestSupport.ENGINE.evaluate(facts);
  }

  static List<Finding> findings(String id, List<Object> facts) {
    return evaluate(facts).stream().filter(f -> f.ruleId().equals(id)).toList();
  }

  static List<Object> with(List<Object> facts, Object... replacements) {
    List<Object> result = new ArrayList<>(facts);
    for (Object r : replacements) {
      result.removeIf(
          f ->
              f.getClass() == r.getClass()
                  && (!(f instanceof RegistryValue a)
                      || a.name().equals(((RegistryValue) r).name()))
                  && (!(f instanceof EphemeralRange e)
                      || e.setting().equals(((EphemeralRange) r).setting()))
                  && (!(f instanceof TcpipEvents t) || t.eventId() == ((TcpipEvents) r).eventId())
                  && !(f instanceof DestinationPorts));
      result.add(r);
    }
    return result;
  }

  @Test
  void windowsServer2019DefaultsWithoutSymptomsScanClean() {
    assertThat(evaluate(defaults())).isEmpty();
  }

  @Test
  void windowsRulesDoNotRunOnLinuxAndLinuxRulesNotOnWindows() {
    List<Object> facts = with(defaults(), set("MaxUserPort", 5000));
    facts.remove(SERVER_2019);
    facts.add(RuleEngineTestSupport.HOST);
    assertThat(evaluate(facts)).noneMatch(f -> f.ruleId().startsWith("WIN-"));
    assertThat(RuleEngineTestSupport.ENGINE.rules())
        .filteredOn(r -> r.id().startsWith("WIN-"))
        .allSatisfy(r -> assertThat(r.platform()).isEqualTo("windows"));
  }

  @Nested
  class MaxUserPort {
    @Test
    void absentBeforeVistaMeansPorts1025To5000() {
      List<Object> facts = with(defaults(), SERVER_2003);
      facts.remove(SERVER_2019);
      assertThat(findings("WIN-MAXUSERPORT", facts))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.title()).contains("not set").contains("1025-5000");
                assertThat(f.explanation()).contains("Before Windows Vista").contains("reboot");
                assertThat(f.changes())
                    .containsExactly(
                        new RegistryChange(KEY, "MaxUserPort", OptionalLong.empty(), 65534, true));
                assertThat(f.changes().get(0).describe())
                    .isEqualTo("HKLM\\" + KEY + "\\MaxUserPort: absent -> 65534 (reboot required)");
              });
    }

    @Test
    void absentOnVistaAndLaterIsFine() {
      assertThat(findings("WIN-MAXUSERPORT", defaults())).isEmpty();
    }

    @Test
    void aLowValueOnModernWindowsIsReported() {
      assertThat(findings("WIN-MAXUSERPORT", with(defaults(), set("MaxUserPort", 5000))))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.explanation()).contains("dynamic port range").contains("Vista");
                assertThat(f.changes())
                    .containsExactly(
                        new RegistryChange(KEY, "MaxUserPort", OptionalLong.of(5000), 65534, true));
              });
    }

    @Test
    void notEvaluatedWhenTheRegistryCouldNotBeRead() {
      List<Object> facts = defaults();
      facts.removeIf(f -> f instanceof RegistryValue r && r.name().equals("MaxUserPort"));
      var evaluation =
          RuleEngineTestSupport.ENGINE.evaluate(
              facts,
              List.of(
                  new FactGap(
                      "MaxUserPort", FactGap.Kind.UNREADABLE, "Win32 error 5", "HKLM\\...")));
      assertThat(evaluation.unevaluated())
          .extracting(UnevaluatedRule::ruleId)
          .contains("WIN-MAXUSERPORT");
    }
  }

  @Nested
  class DynamicRange {
    @Test
    void theWindowsDefaultRangeIsEnough() {
      assertThat(findings("WIN-DYNAMIC-RANGE-NARROW", defaults())).isEmpty();
    }

    @Test
    void excludedRangesCountAgainstIt() {
      List<Finding> f =
          findings("WIN-DYNAMIC-RANGE-NARROW", with(defaults(), v4(49152, 65535, 1000)));
      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.title()).contains("15384 usable IPv4");
                assertThat(x.explanation()).contains("without a reboot").contains("1000 ports");
                assertThat(x.changes())
                    .containsExactly(
                        new DynamicPortRangeChange("ipv4", 49152, 16384, 48152, 17384));
              });
    }

    @Test
    void aNarrowIpv6RangeGetsItsOwnChange() {
      List<Finding> f = findings("WIN-DYNAMIC-RANGE-NARROW", with(defaults(), v6(60000, 60999)));
      assertThat(f)
          .singleElement()
          .satisfies(
              x ->
                  assertThat(x.changes())
                      .containsExactly(
                          new DynamicPortRangeChange("ipv6", 60000, 1000, 49152, 16384)));
    }

    @Test
    void aLowerPolicyLowersTheMinimum() {
      Policy lenient = new Policy(4096, 1024, 4000, 80, 70, 90, 50, 80);
      List<Object> facts = with(defaults(), lenient, v4(60000, 64999, 0));
      facts.remove(Policy.DEFAULTS);
      assertThat(findings("WIN-DYNAMIC-RANGE-NARROW", facts)).isEmpty();
    }
  }

  @Nested
  class TimeWait {
    List<Object> busy(RegistryValue delay) {
      return with(defaults(), states(500, 9000), delay);
    }

    @Test
    void anUnsetDelayWithManyTimeWaitPortsIsReported() {
      List<Finding> f = findings("WIN-TIMEWAIT-DELAY", busy(absent("TcpTimedWaitDelay")));
      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.title()).contains("9000 connections in TIME_WAIT").contains("not set");
                assertThat(x.explanation()).contains("120 s").contains("reboot");
                assertThat(x.changes())
                    .containsExactly(
                        new RegistryChange(
                            KEY, "TcpTimedWaitDelay", OptionalLong.empty(), 60, true));
              });
    }

    @Test
    void aLongDelayIsReportedAndAShortOneIsNot() {
      assertThat(findings("WIN-TIMEWAIT-DELAY", busy(set("TcpTimedWaitDelay", 240))))
          .singleElement()
          .satisfies(
              x ->
                  assertThat(x.changes())
                      .containsExactly(
                          new RegistryChange(
                              KEY, "TcpTimedWaitDelay", OptionalLong.of(240), 60, true)));
      assertThat(findings("WIN-TIMEWAIT-DELAY", busy(set("TcpTimedWaitDelay", 30)))).isEmpty();
    }

    @Test
    void aLongDelayWithoutPressureIsNotReported() {
      assertThat(findings("WIN-TIMEWAIT-DELAY", with(defaults(), set("TcpTimedWaitDelay", 240))))
          .isEmpty();
    }

    @Test
    void timeWaitPressureIsWarningThenCritical() {
      assertThat(findings("WIN-TIME-WAIT-PRESSURE", busy(set("TcpTimedWaitDelay", 30))))
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.title()).contains("54 % of the 16384 usable dynamic ports");
                assertThat(x.explanation()).contains("SO_REUSE_UNICASTPORT");
              });
      assertThat(findings("WIN-TIME-WAIT-PRESSURE", with(defaults(), states(1, 15000))))
          .singleElement()
          .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.CRITICAL));
    }
  }

  @Nested
  class EphemeralPressure {
    @Test
    void warnsAt70PercentAndProposesAWiderRangeAndShorterDelay() {
      DestinationPorts d = new DestinationPorts("10.0.0.9", 5432, 10000, 1500, 0, "table");
      List<Object> facts = with(defaults(), set("TcpTimedWaitDelay", 240));
      facts.add(d);
      assertThat(findings("WIN-EPHEMERAL-PRESSURE", facts))
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.title())
                    .contains("10.0.0.9:5432")
                    .contains("11500 of 16384")
                    .contains("70 %");
                List<Change> changes = x.changes();
                assertThat(changes)
                    .containsExactly(
                        new DynamicPortRangeChange("ipv4", 49152, 16384, 42536, 23000),
                        new RegistryChange(
                            KEY, "TcpTimedWaitDelay", OptionalLong.of(240), 60, true));
              });
    }

    @Test
    void criticalAt90PercentOfAnIpv6Range() {
      DestinationPorts d = new DestinationPorts("2001:db8::9", 443, 15000, 0, 0, "table");
      List<Object> facts = defaults();
      facts.add(d);
      assertThat(findings("WIN-EPHEMERAL-PRESSURE", facts))
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(x.changes())
                    .containsExactly(
                        new DynamicPortRangeChange("ipv6", 49152, 16384, 35536, 30000));
              });
    }

    @Test
    void stillReportedWhenTheDelayCouldNotBeRead() {
      DestinationPorts d = new DestinationPorts("10.0.0.9", 5432, 10000, 1500, 0, "table");
      List<Object> facts = defaults();
      facts.removeIf(f -> f instanceof RegistryValue r && r.name().equals("TcpTimedWaitDelay"));
      facts.add(d);
      assertThat(findings("WIN-EPHEMERAL-PRESSURE", facts))
          .singleElement()
          .satisfies(x -> assertThat(x.changes()).hasSize(1));
    }
  }

  @Nested
  class Events {
    @Test
    void event4231IsCriticalAnd4227AWarning() {
      List<Finding> f =
          findings(
              "WIN-PORT-EXHAUSTION-EVENTS", with(defaults(), events(4231, 3), events(4227, 12)));
      assertThat(f)
          .extracting(Finding::severity)
          .containsExactlyInAnyOrder(Severity.CRITICAL, Severity.WARNING);
      assertThat(f)
          .filteredOn(x -> x.severity() == Severity.CRITICAL)
          .singleElement()
          .satisfies(x -> assertThat(x.title()).contains("event 4231 3 times"));
    }
  }

  static List<Object> list(Object... facts) {
    return new ArrayList<>(Arrays.asList(facts));
  }
}
