package io.sockwarden.model;

/**
 * The thresholds rules compare facts against, read from the {@code policy:} section of the
 * configuration file. Inserted into every rule session as a fact. The defaults are the modern
 * kernel defaults, so that a host with a recent kernel's settings and no symptoms scans clean.
 *
 * @param somaxconnMin lowest acceptable {@code net.core.somaxconn} (kernel default since 5.4: 4096)
 * @param synBacklogMin lowest acceptable {@code net.ipv4.tcp_max_syn_backlog} while SYN cookies are
 *     off
 * @param ephemeralPortsMin smallest acceptable number of ports in {@code ip_local_port_range}
 *     (kernel default range 32768-60999: 28232 ports; busy clients want 50000 or more)
 * @param fileMaxUsedPercent allocated file handles, as a percentage of {@code fs.file-max}, at
 *     which {@code LNX-FILE-MAX} warns
 * @param ephemeralWarningPercent share of the usable ephemeral range held towards one destination
 *     at which {@code LNX-EPHEMERAL-PRESSURE} warns
 * @param ephemeralCriticalPercent the share at which it is critical
 * @param timeWaitBucketsPercent TIME_WAIT sockets, as a percentage of {@code tcp_max_tw_buckets},
 *     at which {@code LNX-TIME-WAIT-PRESSURE} warns
 * @param nofileUsedPercent a process's open descriptors, as a percentage of its soft {@code
 *     RLIMIT_NOFILE}, at which {@code LNX-NOFILE-PROCESS} warns
 */
public record Policy(
    long somaxconnMin,
    long synBacklogMin,
    long ephemeralPortsMin,
    int fileMaxUsedPercent,
    int ephemeralWarningPercent,
    int ephemeralCriticalPercent,
    int timeWaitBucketsPercent,
    int nofileUsedPercent) {

  public static final Policy DEFAULTS = new Policy(4096, 1024, 28232, 80, 70, 90, 50, 80);

  public Policy {
    requireRange("somaxconn-min", somaxconnMin, 1, Integer.MAX_VALUE);
    requireRange("syn-backlog-min", synBacklogMin, 1, Integer.MAX_VALUE);
    requireRange("ephemeral-ports-min", ephemeralPortsMin, 1, 64512);
    requireRange("file-max-used-percent", fileMaxUsedPercent, 1, 100);
    requireRange("ephemeral-warning-percent", ephemeralWarningPercent, 1, 100);
    requireRange("ephemeral-critical-percent", ephemeralCriticalPercent, 1, 100);
    requireRange("time-wait-buckets-percent", timeWaitBucketsPercent, 1, 100);
    requireRange("nofile-used-percent", nofileUsedPercent, 1, 100);
    if (ephemeralCriticalPercent < ephemeralWarningPercent) {
      throw new IllegalArgumentException(
          "policy.ephemeral-critical-percent ("
              + ephemeralCriticalPercent
              + ") is below policy.ephemeral-warning-percent ("
              + ephemeralWarningPercent
              + ")");
    }
  }

  private static void requireRange(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "policy." + key + " = " + value + " is out of range " + min + ".." + max);
    }
  }
}
