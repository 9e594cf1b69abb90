package io.sockwarden.engine;

import static io.sockwarden.engine.RuleEngineTestSupport.findings;
import static io.sockwarden.engine.RuleEngineTestSupport.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.Finding;
import io.sockwarden.model.Listener;
import io.sockwarden.model.NetCounter;
import io.sockwarden.model.ProcessFiles;
import io.sockwarden.model.ProcessRef;
import io.sockwarden.model.Severity;
import io.sockwarden.model.SysctlChange;
import io.sockwarden.model.TcpStates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CensusRulesTest {
  static final ProcessRef JAVA = new ProcessRef(4242, "java");
  static final NetCounter OVERFLOWS =
      NetCounter.sinceBoot("TcpExt.ListenOverflows", 573, "/proc/net/netstat");

  @Nested
  class ListenerQueue {
    @Test
    void namesTheProcessAndBlamesTheApplicationBacklog() {
      Listener l = new Listener("0.0.0.0", 8080, 9, 8, JAVA, "netlink");
      List<Finding> f =
          findings("LNX-LISTEN-OVERFLOW", l, OVERFLOWS, sysctl("net.core.somaxconn", "4096"));
      Finding perListener =
          f.stream().filter(x -> x.title().startsWith("Listener")).findFirst().orElseThrow();
      assertThat(perListener.title())
          .contains("0.0.0.0:8080")
          .contains("pid 4242 (java)")
          .contains("9 waiting, backlog 8");
      assertThat(perListener.explanation()).contains("application's own listen() backlog (8)");
      assertThat(perListener.changes()).isEmpty();
    }

    @Test
    void blamesSomaxconnWhenTheBacklogEqualsIt() {
      Listener l = new Listener("::", 443, 129, 128, JAVA, "netlink");
      List<Finding> f =
          findings(
              "LNX-LISTEN-OVERFLOW",
              l,
              NetCounter.sinceBoot("TcpExt.ListenOverflows", 0, "n"),
              sysctl("net.core.somaxconn", "128"));
      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.title()).contains("[::]:443");
                assertThat(x.explanation()).contains("net.core.somaxconn (128) caps its backlog");
                assertThat(x.changes())
                    .containsExactly(new SysctlChange("net.core.somaxconn", "128", "4096"));
              });
    }

    @Test
    void quietForAQueueWithRoomOrUnknownBacklog() {
      assertThat(
              findings(
                  "LNX-LISTEN-OVERFLOW",
                  new Listener("0.0.0.0", 80, 8, 8, JAVA, "netlink"),
                  new Listener("0.0.0.0", 81, 500, -1, JAVA, "/proc/net/tcp"),
                  NetCounter.sinceBoot("TcpExt.ListenOverflows", 0, "n"),
                  sysctl("net.core.somaxconn", "4096")))
          .isEmpty();
    }
  }

  @Nested
  class EphemeralPressure {
    final EphemeralRange narrow =
        new EphemeralRange("net.ipv4.ip_local_port_range", 40000, 40999, 0, "p");

    @Test
    void criticalAtNinetyPercentWithTwReuseAndWiderRange() {
      DestinationPorts db = new DestinationPorts("10.0.0.5", 5432, 900, 50, 0, "netlink");
      List<Finding> f =
          findings("LNX-EPHEMERAL-PRESSURE", narrow, db, sysctl("net.ipv4.tcp_tw_reuse", "2"));
      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(x.title()).contains("10.0.0.5:5432").contains("950 of 1000");
                assertThat(x.explanation()).contains("4-tuple").contains("tcp_fin_timeout");
                assertThat(x.changes())
                    .containsExactly(
                        new SysctlChange("net.ipv4.tcp_tw_reuse", "2", "1"),
                        new SysctlChange(
                            "net.ipv4.ip_local_port_range", "40000 40999", "59100 60999"));
              });
    }

    @Test
    void warningBetweenSeventyAndNinety() {
      DestinationPorts db = new DestinationPorts("10.0.0.5", 5432, 750, 0, 0, "netlink");
      assertThat(
              findings("LNX-EPHEMERAL-PRESSURE", narrow, db, sysctl("net.ipv4.tcp_tw_reuse", "1")))
          .singleElement()
          .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void quietForADestinationWithAFewConnections() {
      DestinationPorts few = new DestinationPorts("10.0.0.6", 80, 5, 0, 0, "netlink");
      assertThat(
              findings("LNX-EPHEMERAL-PRESSURE", narrow, few, sysctl("net.ipv4.tcp_tw_reuse", "2")))
          .isEmpty();
    }

    @Test
    void reservedPortsShrinkTheUsableRange() {
      EphemeralRange reserved =
          new EphemeralRange("net.ipv4.ip_local_port_range", 40000, 40999, 300, "p");
      DestinationPorts db = new DestinationPorts("10.0.0.5", 5432, 500, 0, 0, "netlink");
      assertThat(
              findings(
                  "LNX-EPHEMERAL-PRESSURE", reserved, db, sysctl("net.ipv4.tcp_tw_reuse", "1")))
          .singleElement()
          .satisfies(x -> assertThat(x.title()).contains("500 of 700"));
    }
  }

  @Nested
  class TimeWait {
    @Test
    void warnsNearTheBucketLimitAndProposesTwReuse() {
      List<Finding> f =
          findings(
              "LNX-TIME-WAIT-PRESSURE",
              new TcpStates(Map.of("TIME_WAIT", 70_000L, "ESTABLISHED", 10L), "netlink"),
              sysctl("net.ipv4.tcp_max_tw_buckets", "131072"),
              sysctl("net.ipv4.tcp_tw_reuse", "2"));
      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.title()).contains("70000 sockets in TIME_WAIT, 53 %");
                assertThat(x.explanation()).contains("tcp_tw_recycle").contains("4.12");
                assertThat(x.changes())
                    .containsExactly(new SysctlChange("net.ipv4.tcp_tw_reuse", "2", "1"));
              });
    }

    @Test
    void warnsOnBucketOverflow() {
      assertThat(
              findings(
                  "LNX-TIME-WAIT-PRESSURE",
                  new TcpStates(Map.of("TIME_WAIT", 10L), "netlink"),
                  NetCounter.sinceBoot("TcpExt.TCPTimeWaitOverflow", 12, "n"),
                  sysctl("net.ipv4.tcp_max_tw_buckets", "131072"),
                  sysctl("net.ipv4.tcp_tw_reuse", "1")))
          .singleElement()
          .satisfies(x -> assertThat(x.changes()).isEmpty());
    }

    @Test
    void quietWithFewTimeWaitSockets() {
      assertThat(
              findings(
                  "LNX-TIME-WAIT-PRESSURE",
                  new TcpStates(Map.of("TIME_WAIT", 1000L), "netlink"),
                  NetCounter.sinceBoot("TcpExt.TCPTimeWaitOverflow", 0, "n"),
                  sysctl("net.ipv4.tcp_max_tw_buckets", "131072"),
                  sysctl("net.ipv4.tcp_tw_reuse", "2")))
          .isEmpty();
    }
  }

  @Nested
  class Nofile {
    @Test
    void warnsAtEightyPercentAndIsCriticalAtNinetyFive() {
      assertThat(
              findings(
                  "LNX-NOFILE-PROCESS",
                  new ProcessFiles(7, "nginx", 820, 1024, 524288, 800, true, "/proc/7")))
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.explanation()).contains("LimitNOFILE=").contains("limits.conf");
              });
      assertThat(
              findings(
                  "LNX-NOFILE-PROCESS",
                  new ProcessFiles(7, "nginx", 1000, 1024, 4096, 990, true, "/proc/7")))
          .singleElement()
          .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void warnsForASocketHeavyServerOnTheDefaultLimit() {
      assertThat(
              findings(
                  "LNX-NOFILE-PROCESS",
                  new ProcessFiles(7, "haproxy", 600, 1024, 524288, 560, true, "/proc/7")))
          .singleElement()
          .satisfies(x -> assertThat(x.title()).contains("560 sockets"));
    }

    @Test
    void quietWithHeadroomOrUnlimited() {
      assertThat(
              findings(
                  "LNX-NOFILE-PROCESS",
                  new ProcessFiles(7, "sshd", 20, 1024, 524288, 3, true, "/proc/7"),
                  new ProcessFiles(8, "big", 900_000, -1, -1, 900_000, false, "/proc/8"),
                  new ProcessFiles(9, "db", 5000, 65536, 65536, 4000, true, "/proc/9")))
          .isEmpty();
    }
  }
}
