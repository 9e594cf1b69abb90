package io.sockwarden.windows.registry;

import java.util.List;

/** The registry key of the TCP/IP stack's parameters and the values the agent reads and writes. */
public final class TcpipParameters {
  private TcpipParameters() {}

  /** Below HKLM. */
  public static final String KEY = "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";

  /** The highest ephemeral port on Windows before Vista (default 5000), 5000-65534. */
  public static final String MAX_USER_PORT = "MaxUserPort";

  /** Seconds a closed connection stays in TIME_WAIT, 30-300. */
  public static final String TCP_TIMED_WAIT_DELAY = "TcpTimedWaitDelay";

  /** REG_MULTI_SZ port ranges kept out of ephemeral use ({@code 50000-50100}). */
  public static final String RESERVED_PORTS = "ReservedPorts";

  /** The DWORDs the agent reads, and the only ones it may change. */
  public static final List<String> DWORDS = List.of(MAX_USER_PORT, TCP_TIMED_WAIT_DELAY);

  /** Inclusive bounds of a value the agent may write: {@code [min, max]}. */
  public static long[] bounds(String name) {
    return switch (name) {
      case MAX_USER_PORT -> new long[] {5000, 65534};
      case TCP_TIMED_WAIT_DELAY -> new long[] {30, 300};
      default -> throw new IllegalArgumentException("not a value the agent changes: " + name);
    };
  }

  /** The key holding the OS version. */
  public static final String CURRENT_VERSION = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
}
