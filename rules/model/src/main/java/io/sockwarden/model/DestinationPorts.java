package io.sockwarden.model;

import java.util.Objects;

/**
 * Local ports from the ephemeral range held by connections to one destination ip:port. Because a
 * connection is identified by its 4-tuple, each destination has the whole range to itself: this is
 * the number that runs out, not the host's total.
 *
 * @param address destination address
 * @param port destination port
 * @param established connections in ESTABLISHED
 * @param timeWait connections in TIME_WAIT (closed, holding the port for 60 s)
 * @param other connections in any other state (SYN_SENT, FIN_WAIT, CLOSE_WAIT, ...)
 * @param source where the sockets were read
 */
public record DestinationPorts(
    String address, int port, int established, int timeWait, int other, String source)
    implements Evidential {
  public DestinationPorts {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(source, "source");
  }

  /** {@code address:port}, with brackets around IPv6 addresses. */
  public String endpoint() {
    return Endpoint.format(address, port);
  }

  /** Ports held, all states. */
  public int total() {
    return established + timeWait + other;
  }

  /** Ports held as a whole percentage of {@code usable} ports. */
  public int percentOf(int usable) {
    return usable <= 0 ? 100 : (int) Math.min(100, (long) total() * 100 / usable);
  }

  @Override
  public Evidence evidence() {
    return new Evidence(
        "destination " + endpoint(),
        total()
            + " local ports held ("
            + established
            + " established, "
            + timeWait
            + " time-wait, "
            + other
            + " other)",
        source);
  }
}
