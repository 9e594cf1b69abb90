package io.sockwarden.engine;

import static io.sockwarden.engine.RuleEngineTestSupport.ENGINE;
import static io.sockwarden.engine.RuleEngineTestSupport.HOST;
import static io.sockwarden.engine.RuleEngineTestSupport.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.FactGap;
import io.sockwarden.model.FactGap.Kind;
import io.sockwarden.model.Finding;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.Listener;
import io.sockwarden.model.NetCounter;
import io.sockwarden.model.Policy;
import io.sockwarden.model.ProcessRef;
import io.sockwarden.model.SysctlChange;
import io.sockwarden.model.TcpStates;
import io.sockwarden.model.UnevaluatedRule;
import io.sockwarden.model.UnevaluatedRule.Cause;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FactGapsTest {
  static final FactGap SOMAXCONN_ABC =
      new FactGap(
          "net.core.somaxconn",
          Kind.UNPARSABLE,
          "'abc' is not a number",
          "/proc/sys/net/core/somaxconn");
  static final FactGap TW_REUSE_UNREADABLE =
      new FactGap(
          "net.ipv4.tcp_tw_reuse",
          Kind.UNREADABLE,
          "permission denied",
          "/proc/sys/net/ipv4/tcp_tw_reuse");

  static Evaluation evaluate(List<FactGap> gaps, Object... facts) {
    List<Object> all = new ArrayList<>(Arrays.asList(facts));
    all.add(Policy.DEFAULTS);
    if (Arrays.stream(facts).noneMatch(HostInfo.class::isInstance)) {
      all.add(HOST);
    }
    return ENGINE.evaluate(all, gaps);
  }

  static List<Finding> of(Evaluation e, String ruleId) {
    return e.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  @Nested
  class Requirements {
    @Test
    void anUnparsableValueLeavesExactlyTheRulesNeedingItUnevaluated() {
      Evaluation e = evaluate(List.of(SOMAXCONN_ABC), sysctl("net.ipv4.tcp_syncookies", "0"));
      assertThat(e.unevaluated())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.ruleId()).isEqualTo("LNX-SOMAXCONN-LOW");
                assertThat(u.ruleName()).isEqualTo("somaxconn below the policy minimum");
                assertThat(u.origin()).isEqualTo("built-in");
                assertThat(u.cause()).isEqualTo(Cause.MISSING_FACT);
                assertThat(u.reason()).contains(SOMAXCONN_ABC.describe());
              });
      assertThat(e.incomplete()).isTrue();
      assertThat(e.findings()).extracting(Finding::ruleId).containsExactly("LNX-SYNCOOKIES-OFF");
    }

    @Test
    void unreadableSocketsLeaveTheThreeSocketRulesUnevaluated() {
      FactGap sockets =
          new FactGap("sockets", Kind.UNREADABLE, "permission denied", "/proc/net/tcp");
      assertThat(evaluate(List.of(sockets)).unevaluated())
          .extracting(UnevaluatedRule::ruleName, UnevaluatedRule::cause)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(
                  "destination running out of ephemeral ports", Cause.MISSING_FACT),
              org.assertj.core.groups.Tuple.tuple("listener accept queue full", Cause.MISSING_FACT),
              org.assertj.core.groups.Tuple.tuple(
                  "TIME_WAIT sockets near tcp_max_tw_buckets", Cause.MISSING_FACT));
    }

    @Test
    void aKeyTheKernelDoesNotHaveMakesItsRulesNotApplicableWithoutLeavingTheScanIncomplete() {
      FactGap absent =
          new FactGap(
              "net.ipv4.tcp_max_tw_buckets",
              Kind.NOT_APPLICABLE,
              "no such key on this kernel",
              "/proc/sys/net/ipv4/tcp_max_tw_buckets");
      Evaluation e = evaluate(List.of(absent));
      assertThat(e.unevaluated())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.ruleName()).isEqualTo("TIME_WAIT sockets near tcp_max_tw_buckets");
                assertThat(u.cause()).isEqualTo(Cause.NOT_APPLICABLE);
                assertThat(u.reason()).startsWith("does not apply: ").contains(absent.describe());
              });
      assertThat(e.incomplete()).isFalse();
    }

    @Test
    void aGapIsNotConsultedForARuleThatDoesNotNameIt() {
      FactGap unrelated =
          new FactGap("net.ipv4.tcp_fin_timeout", Kind.UNREADABLE, "I/O error", "/proc/sys/x");
      Evaluation e = evaluate(List.of(unrelated), sysctl("net.core.somaxconn", "128"));
      assertThat(e.unevaluated()).isEmpty();
      assertThat(of(e, "LNX-SOMAXCONN-LOW")).hasSize(1);
    }
  }

  @Nested
  class Platform {
    final HostInfo windows =
        new HostInfo("w", "windows", "10.0.20348", 10, 0, true, "unknown", "unknown");

    @Test
    void linuxRulesAreLeftOutEntirelyOnAnotherPlatform() {
      Evaluation e =
          evaluate(List.of(SOMAXCONN_ABC), windows, sysctl("net.ipv4.tcp_syncookies", "0"));
      assertThat(e.findings()).isEmpty();
      assertThat(e.unevaluated()).isEmpty();
    }

    @Test
    void withoutHostInfoEveryRuleApplies() {
      Evaluation e =
          ENGINE.evaluate(
              List.of(Policy.DEFAULTS, sysctl("net.ipv4.tcp_syncookies", "0")), List.of());
      assertThat(e.findings()).extracting(Finding::ruleId).containsExactly("LNX-SYNCOOKIES-OFF");
    }
  }

  /** A fact needed only for a proposed change must not hide the finding. */
  @Nested
  class FactsOnlyForTheChange {
    final TcpStates manyTimeWait = new TcpStates(Map.of("TIME_WAIT", 70_000L), "netlink");
    final EphemeralRange narrow =
        new EphemeralRange("net.ipv4.ip_local_port_range", 40000, 40999, 0, "p");
    final DestinationPorts db = new DestinationPorts("10.0.0.5", 5432, 700, 200, 0, "netlink");

    @Test
    void timeWaitAndEphemeralPressureAreFoundWithoutTcpTwReuse() {
      Evaluation e =
          evaluate(
              List.of(TW_REUSE_UNREADABLE),
              manyTimeWait,
              sysctl("net.ipv4.tcp_max_tw_buckets", "131072"),
              NetCounter.sinceBoot("TcpExt.TCPTimeWaitOverflow", 12, "n"),
              narrow,
              db);
      assertThat(e.unevaluated()).isEmpty();
      assertThat(of(e, "LNX-TIME-WAIT-PRESSURE"))
          .hasSize(2)
          .allSatisfy(
              f -> {
                assertThat(f.explanation())
                    .contains("net.ipv4.tcp_tw_reuse is unknown (unreadable: permission denied")
                    .contains("so no change to it is proposed");
                assertThat(f.changes()).isEmpty();
              });
      assertThat(of(e, "LNX-EPHEMERAL-PRESSURE"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.explanation()).contains("so no change to it is proposed");
                assertThat(f.changes())
                    .extracting(c -> ((SysctlChange) c).key())
                    .containsExactly("net.ipv4.ip_local_port_range");
              });
    }

    @Test
    void twReuseIsProposedOnlyWhenKnownAndNotOne() {
      Evaluation two =
          evaluate(
              List.of(),
              manyTimeWait,
              sysctl("net.ipv4.tcp_max_tw_buckets", "131072"),
              sysctl("net.ipv4.tcp_tw_reuse", "2"));
      assertThat(of(two, "LNX-TIME-WAIT-PRESSURE"))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.changes())
                      .containsExactly(new SysctlChange("net.ipv4.tcp_tw_reuse", "2", "1")));
      Evaluation one =
          evaluate(
              List.of(),
              manyTimeWait,
              sysctl("net.ipv4.tcp_max_tw_buckets", "131072"),
              sysctl("net.ipv4.tcp_tw_reuse", "1"));
      assertThat(of(one, "LNX-TIME-WAIT-PRESSURE"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.changes()).isEmpty();
                assertThat(f.explanation()).doesNotContain("no change to it is proposed");
              });
    }

    @Test
    void overflowsAreFoundWithoutSomaxconnOrListenDrops() {
      Evaluation e =
          evaluate(
              List.of(SOMAXCONN_ABC),
              NetCounter.sinceBoot("TcpExt.ListenOverflows", 573, "n"),
              new Listener("0.0.0.0", 8080, 129, 128, new ProcessRef(7, "java"), "netlink"));
      assertThat(of(e, "LNX-LISTEN-OVERFLOW"))
          .hasSize(2)
          .allSatisfy(
              f -> {
                assertThat(f.changes()).isEmpty();
                assertThat(f.explanation()).contains("net.core.somaxconn is unknown (unparsable");
              });
    }

    @Test
    void synQueueDropsAreFoundWithoutTheBacklogSetting() {
      Evaluation e = evaluate(List.of(), NetCounter.sinceBoot("TcpExt.TCPReqQFullDrop", 12, "n"));
      assertThat(of(e, "LNX-SYN-BACKLOG-LOW"))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.explanation())
                      .contains("net.ipv4.tcp_max_syn_backlog was not collected"));
    }
  }
}
