package io.sockwarden.agent.service;

import io.sockwarden.agent.core.Scan;
import io.sockwarden.model.ConnectionCensus;
import io.sockwarden.model.DestinationPorts;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.Finding;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.LinuxFacts;
import io.sockwarden.model.Listener;
import io.sockwarden.model.NetCounter;
import io.sockwarden.model.ProcessRef;
import io.sockwarden.model.Severity;
import io.sockwarden.model.Sysctl;
import io.sockwarden.model.TcpStates;
import io.sockwarden.model.UnevaluatedRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scans built in memory, with every kind of fact the metrics publish: for rendering metrics without
 * a host.
 */
final class ScanFixtures {
  static final Instant AT = Instant.parse("2026-11-23T08:18:00Z");

  private ScanFixtures() {}

  /**
   * A Linux scan in namespace {@code netns} ({@code net:[...]}), with {@code somaxconn}, one
   * destination holding {@code held} ports, one listener with 6 of 8 queued, and a finding.
   *
   * @param hostWide whether it carries the host-wide facts (the agent's own namespace)
   */
  static Scan linux(String netns, long somaxconn, int held, boolean hostWide) {
    HostInfo host =
        new HostInfo("web1", "linux", "6.1.0", 6, 1, true, netns, "00000000-0000-0000-0000-1");
    List<Sysctl> sysctls = new ArrayList<>();
    sysctls.add(new Sysctl("net.core.somaxconn", Long.toString(somaxconn), "/proc/sys"));
    sysctls.add(new Sysctl("net.ipv4.tcp_syncookies", "1", "/proc/sys"));
    sysctls.add(new Sysctl("net.ipv4.ip_local_port_range", "32768 60999", "/proc/sys"));
    if (hostWide) {
      sysctls.add(new Sysctl("fs.file-max", "2000000", "/proc/sys"));
      sysctls.add(new Sysctl("fs.file-nr", "1000 0 2000000", "/proc/sys"));
    }
    List<NetCounter> counters =
        List.of(
            NetCounter.sinceBoot("ListenOverflows", 12, "/proc/net/netstat"),
            NetCounter.sinceBoot("ListenDrops", 14, "/proc/net/netstat"));
    ConnectionCensus census =
        new ConnectionCensus(
            new TcpStates(Map.of("ESTABLISHED", 3L + held, "LISTEN", 1L, "TIME_WAIT", 7L), "nl"),
            List.of(
                new Listener("0.0.0.0", 8080, 6, 8, new ProcessRef(42, "java"), "nl"),
                new Listener("::", 22, 0, -1, ProcessRef.unknown("not visible"), "nl")),
            List.of(new DestinationPorts("10.0.0.5", 5432, held, 0, 0, "nl")),
            "nl");
    HostFacts facts =
        new HostFacts(
            host,
            counters,
            Optional.of(new EphemeralRange("net.ipv4.ip_local_port_range", 32768, 60999, 0, "p")),
            Optional.of(census),
            List.of(),
            new LinuxFacts(sysctls, List.of(), List.of(), Optional.empty()),
            List.of(),
            List.of());
    List<Finding> findings =
        somaxconn < 4096
            ? List.of(
                new Finding(
                    "LNX-SOMAXCONN-LOW", Severity.WARNING, "low", "why", List.of(), List.of()))
            : List.of();
    List<UnevaluatedRule> unevaluated =
        List.of(
            new UnevaluatedRule(
                "WIN-MAXUSERPORT",
                "MaxUserPort",
                "built-in",
                UnevaluatedRule.Cause.NOT_APPLICABLE,
                "Windows"));
    return new Scan(AT, facts, findings, unevaluated, "since boot");
  }
}
