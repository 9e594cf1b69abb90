package io.sockwarden.model;

import java.util.Objects;

/**
 * A kernel network counter, e.g. {@code TcpExt.ListenOverflows} from {@code /proc/net/netstat}.
 *
 * @param name qualified name, {@code Group.Counter}
 * @param value the counter's current value
 * @param increase how much it grew over {@link #window}: since the previous scan when one is known,
 *     otherwise since boot (then equal to {@code value})
 * @param window {@code "since boot"} or {@code "since <previous scan time>"}
 * @param source the file it was read from
 */
public record NetCounter(String name, long value, long increase, String window, String source)
    implements Evidential {
  public NetCounter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(source, "source");
  }

  /** A counter read once, with no previous value: its increase is counted since boot. */
  public static NetCounter sinceBoot(String name, long value, String source) {
    return new NetCounter(name, value, value, "since boot", source);
  }

  public boolean rising() {
    return increase > 0;
  }

  @Override
  public Evidence evidence() {
    return new Evidence(name, value + " (+" + increase + " " + window + ")", source);
  }
}
