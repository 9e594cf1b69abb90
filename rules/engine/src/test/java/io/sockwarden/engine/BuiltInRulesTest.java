package io.sockwarden.engine;

import static io.sockwarden.engine.RuleEngineTestSupport.ENGINE;
import static io.sockwarden.engine.RuleEngineTestSupport.findings;
import static io.sockwarden.engine.RuleEngineTestSupport.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.BootValue;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.FileHandles;
import io.sockwarden.model.Finding;
import io.sockwarden.model.NetCounter;
import io.sockwarden.model.Policy;
import io.sockwarden.model.Severity;
import io.sockwarden.model.SysctlAssignment;
import io.sockwarden.model.SysctlChange;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BuiltInRulesTest {

  @Nested
  class SomaxconnLow {
    @Test
    void warnsBelowPolicyAndProposesTheMinimum() {
      List<Finding> f = findings("LNX-SOMAXCONN-LOW", sysctl("net.core.somaxconn", "128"));
      assertThat(f).hasSize(1);
      assertThat(f.get(0).severity()).isEqualTo(Severity.WARNING);
      assertThat(f.get(0).changes())
          .containsExactly(new SysctlChange("net.core.somaxconn", "128", "4096"));
      assertThat(f.get(0).explanation()).contains("listen() again");
      assertThat(f.get(0).evidence().get(0).source()).isEqualTo("/proc/sys/net/core/somaxconn");
    }

    @Test
    void quietAtTheModernDefault() {
      assertThat(findings("LNX-SOMAXCONN-LOW", sysctl("net.core.somaxconn", "4096"))).isEmpty();
    }

    @Test
    void followsThePolicy() {
      Policy strict = new Policy(8192, 1024, 28232, 80, 70, 90, 50, 80);
      assertThat(findings("LNX-SOMAXCONN-LOW", strict, sysctl("net.core.somaxconn", "4096")))
          .singleElement()
          .satisfies(x -> assertThat(x.title()).contains("8192"));
    }
  }

  @Nested
  class Syncookies {
    @Test
    void warnsWhenOffAndProposesOne() {
      assertThat(findings("LNX-SYNCOOKIES-OFF", sysctl("net.ipv4.tcp_syncookies", "0")))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.changes())
                      .containsExactly(new SysctlChange("net.ipv4.tcp_syncookies", "0", "1")));
    }

    @Test
    void quietWhenOnOrAlways() {
      assertThat(findings("LNX-SYNCOOKIES-OFF", sysctl("net.ipv4.tcp_syncookies", "1"))).isEmpty();
      assertThat(findings("LNX-SYNCOOKIES-OFF", sysctl("net.ipv4.tcp_syncookies", "2"))).isEmpty();
    }
  }

  @Nested
  class SynBacklog {
    @Test
    void lowBacklogMattersOnlyWithCookiesOff() {
      assertThat(
              findings(
                  "LNX-SYN-BACKLOG-LOW",
                  sysctl("net.ipv4.tcp_max_syn_backlog", "128"),
                  sysctl("net.ipv4.tcp_syncookies", "1")))
          .isEmpty();
      assertThat(
              findings(
                  "LNX-SYN-BACKLOG-LOW",
                  sysctl("net.ipv4.tcp_max_syn_backlog", "128"),
                  sysctl("net.ipv4.tcp_syncookies", "0")))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.changes())
                      .containsExactly(
                          new SysctlChange("net.ipv4.tcp_max_syn_backlog", "128", "1024")));
    }

    @Test
    void synQueueDropsWarnEvenWithCookiesOn() {
      List<Finding> f =
          findings(
              "LNX-SYN-BACKLOG-LOW",
              sysctl("net.ipv4.tcp_max_syn_backlog", "4096"),
              sysctl("net.ipv4.tcp_syncookies", "1"),
              NetCounter.sinceBoot("TcpExt.TCPReqQFullDrop", 12, "/proc/net/netstat"));
      assertThat(f).singleElement().satisfies(x -> assertThat(x.title()).contains("12"));
      assertThat(f.get(0).changes()).isEmpty();
    }

    @Test
    void noDropsNoFinding() {
      assertThat(
              findings(
                  "LNX-SYN-BACKLOG-LOW",
                  sysctl("net.ipv4.tcp_max_syn_backlog", "4096"),
                  NetCounter.sinceBoot("TcpExt.TCPReqQFullDrop", 0, "/proc/net/netstat")))
          .isEmpty();
    }
  }

  @Nested
  class EphemeralRangeNarrow {
    @Test
    void defaultRangeIsFine() {
      assertThat(
              findings(
                  "LNX-EPHEMERAL-RANGE-NARROW",
                  new EphemeralRange("net.ipv4.ip_local_port_range", 32768, 60999, 0, "p")))
          .isEmpty();
    }

    @Test
    void narrowRangeIsWidenedDownwardsKeepingTheTop() {
      List<Finding> f =
          findings(
              "LNX-EPHEMERAL-RANGE-NARROW",
              new EphemeralRange("net.ipv4.ip_local_port_range", 40000, 40999, 0, "p"));
      assertThat(f)
          .singleElement()
          .satisfies(
              x ->
                  assertThat(x.changes())
                      .containsExactly(
                          new SysctlChange(
                              "net.ipv4.ip_local_port_range", "40000 40999", "32768 60999")));
    }

    @Test
    void reservedPortsCountAgainstTheRange() {
      assertThat(
              findings(
                  "LNX-EPHEMERAL-RANGE-NARROW",
                  new EphemeralRange("net.ipv4.ip_local_port_range", 32768, 60999, 100, "p")))
          .singleElement()
          .satisfies(
              x ->
                  assertThat(x.changes())
                      .containsExactly(
                          new SysctlChange(
                              "net.ipv4.ip_local_port_range", "32768 60999", "32668 60999")));
    }
  }

  @Nested
  class FileMax {
    @Test
    void warnsAtEightyPercentAndIsCriticalAtNinetyFive() {
      assertThat(findings("LNX-FILE-MAX", new FileHandles(79, 100, "p"))).isEmpty();
      assertThat(findings("LNX-FILE-MAX", new FileHandles(80, 100, "p")))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.changes())
                    .containsExactly(new SysctlChange("fs.file-max", "100", "200"));
              });
      assertThat(findings("LNX-FILE-MAX", new FileHandles(96, 100, "p")))
          .singleElement()
          .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    }
  }

  @Nested
  class BootDrift {
    SysctlAssignment vendor =
        new SysctlAssignment("net.core.somaxconn", "1024", "/usr/lib/sysctl.d/50-a.conf", 4, false);
    SysctlAssignment local =
        new SysctlAssignment("net.core.somaxconn", "8192", "/etc/sysctl.d/60-b.conf", 1, false);

    @Test
    void warnsWhenLiveDiffersFromBoot() {
      BootValue boot = new BootValue("net.core.somaxconn", local, List.of(local));
      List<Finding> f = findings("LNX-BOOT-DRIFT", boot, sysctl("net.core.somaxconn", "4096"));
      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.title()).contains("4096").contains("8192");
                assertThat(x.explanation()).contains("/etc/sysctl.d/60-b.conf:1");
              });
    }

    @Test
    void saysWhichFileWinsWhenTwoDisagree() {
      BootValue boot = new BootValue("net.core.somaxconn", local, List.of(vendor, local));
      List<Finding> f = findings("LNX-BOOT-DRIFT", boot, sysctl("net.core.somaxconn", "8192"));
      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.INFO);
                assertThat(x.title()).contains("/etc/sysctl.d/60-b.conf:1 wins");
                assertThat(x.evidence())
                    .extracting(e -> e.source())
                    .contains("/usr/lib/sysctl.d/50-a.conf:4");
              });
    }

    @Test
    void quietWhenLiveMatchesAnUncontestedBootValue() {
      BootValue boot = new BootValue("net.core.somaxconn", local, List.of(local));
      assertThat(findings("LNX-BOOT-DRIFT", boot, sysctl("net.core.somaxconn", "8192"))).isEmpty();
    }
  }

  @Nested
  class ListenOverflow {
    @Test
    void warnsOnOverflowsAndProposesSomaxconnOnlyWhenItIsLow() {
      NetCounter overflows = NetCounter.sinceBoot("TcpExt.ListenOverflows", 573, "netstat");
      NetCounter drops = NetCounter.sinceBoot("TcpExt.ListenDrops", 573, "netstat");
      List<Finding> low =
          findings("LNX-LISTEN-OVERFLOW", overflows, drops, sysctl("net.core.somaxconn", "128"));
      assertThat(low)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.title()).contains("573").contains("since boot");
                assertThat(f.changes()).hasSize(1);
              });
      List<Finding> ok =
          findings("LNX-LISTEN-OVERFLOW", overflows, drops, sysctl("net.core.somaxconn", "4096"));
      assertThat(ok).singleElement().satisfies(f -> assertThat(f.changes()).isEmpty());
    }

    @Test
    void quietWithoutOverflows() {
      assertThat(
              findings(
                  "LNX-LISTEN-OVERFLOW",
                  NetCounter.sinceBoot("TcpExt.ListenOverflows", 0, "netstat"),
                  NetCounter.sinceBoot("TcpExt.ListenDrops", 0, "netstat"),
                  sysctl("net.core.somaxconn", "128")))
          .isEmpty();
    }

    @Test
    void usesTheIncreaseSinceTheLastScan() {
      NetCounter old = new NetCounter("TcpExt.ListenOverflows", 900, 0, "since 10:00", "netstat");
      assertThat(
              findings(
                  "LNX-LISTEN-OVERFLOW",
                  old,
                  NetCounter.sinceBoot("TcpExt.ListenDrops", 900, "netstat"),
                  sysctl("net.core.somaxconn", "4096")))
          .isEmpty();
    }
  }

  @Test
  void modernDefaultsScanClean() {
    List<Object> facts =
        List.of(
            sysctl("net.core.somaxconn", "4096"),
            sysctl("net.ipv4.tcp_max_syn_backlog", "512"),
            sysctl("net.ipv4.tcp_syncookies", "1"),
            new EphemeralRange("net.ipv4.ip_local_port_range", 32768, 60999, 0, "p"),
            new FileHandles(2000, 2_000_000, "p"),
            NetCounter.sinceBoot("TcpExt.ListenOverflows", 0, "n"),
            NetCounter.sinceBoot("TcpExt.ListenDrops", 0, "n"),
            NetCounter.sinceBoot("TcpExt.TCPReqQFullDrop", 0, "n"),
            Policy.DEFAULTS,
            RuleEngineTestSupport.HOST);
    assertThat(ENGINE.evaluate(facts)).isEmpty();
  }
}
