package io.sockwarden.model;

import java.util.Objects;

/**
 * A listening TCP socket and its accept queue.
 *
 * <p>The accept queue holds connections that completed the handshake and wait for the application
 * to {@code accept()} them. Its limit is {@code min(listen() backlog, somaxconn)}, fixed when the
 * application called {@code listen()}; the kernel lets {@code backlog + 1} connections in and drops
 * the next (TcpExt ListenOverflows).
 *
 * @param address local address, e.g. {@code 0.0.0.0} or {@code ::}
 * @param port local port
 * @param queued connections waiting in the accept queue now
 * @param backlog the queue's limit, or -1 when the source does not expose it ({@code
 *     /proc/net/tcp})
 * @param owner the owning process, when visible
 * @param source where the socket was read ({@code netlink inet_diag} or {@code /proc/net/tcp})
 */
public record Listener(
    String address, int port, long queued, long backlog, ProcessRef owner, String source)
    implements Evidential {
  public Listener {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(source, "source");
  }

  /** {@code address:port}, with brackets around IPv6 addresses. */
  public String endpoint() {
    return Endpoint.format(address, port);
  }

  /** Whether the limit is known. */
  public boolean backlogKnown() {
    return backlog >= 0;
  }

  /** Whether the next connection would be dropped: the queue holds more than its backlog. */
  public boolean full() {
    return backlog >= 0 && queued > backlog;
  }

  /** Queue fill as a whole percentage of the backlog (0 when the backlog is unknown or 0). */
  public int fillPercent() {
    return backlog <= 0 ? (full() ? 100 : 0) : (int) Math.min(100, queued * 100 / backlog);
  }

  @Override
  public Evidence evidence() {
    String limit = backlogKnown() ? Long.toString(backlog) : "unknown";
    return new Evidence(
        "listener " + endpoint(),
        "accept queue " + queued + " of backlog " + limit + ", " + owner.describe(),
        source);
  }
}
