package io.sockwarden.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How often Windows' TCP/IP stack logged one event of port exhaustion in the System event log since
 * a time: event 4227 (a TIME_WAIT port could not be reused for a new connection) or 4231 (a request
 * to allocate an ephemeral port failed: the dynamic range is used up).
 *
 * @param eventId 4227 or 4231
 * @param count events since {@code since}
 * @param since the start of the window searched
 * @param latest when the last one was logged, empty when none was
 * @param source where they were read, e.g. {@code event log System, source Tcpip}
 */
public record TcpipEvents(
    int eventId, int count, Instant since, Optional<Instant> latest, String source)
    implements Evidential {
  public TcpipEvents {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(latest, "latest");
    Objects.requireNonNull(source, "source");
    if (count < 0) {
      throw new IllegalArgumentException("negative event count " + count);
    }
  }

  @Override
  public Evidence evidence() {
    return new Evidence(
        "Tcpip event " + eventId,
        count + " since " + since + latest.map(t -> ", latest " + t).orElse(""),
        source);
  }
}
