package io.sockwarden.agent.config;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import java.net.InetSocketAddress;

/** Parses where the service serves {@code /metrics}. */
public final class ListenAddress {
  private ListenAddress() {}

  /**
   * {@code 127.0.0.1:9464}, {@code [::1]:9464} or {@code :9464} (loopback). A non-loopback address
   * must be written out: publishing the host's findings to the network is a decision.
   */
  public static InetSocketAddress parse(String where, String text) {
    String t = text.strip();
    int colon = t.lastIndexOf(':');
    if (colon < 0) {
      throw usage(where + " = '" + text + "': expected HOST:PORT, e.g. 127.0.0.1:9464");
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      host = "127.0.0.1";
    }
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw usage(where + " = '" + text + "': the port must be 0..65535 (0 picks a free one)");
    }
    return new InetSocketAddress(host, port);
  }

  private static AgentException usage(String message) {
    return new AgentException(Failure.INVALID, message);
  }
}
