package io.sockwarden.testing;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A listener for namespace tests: {@code Listen PORT BACKLOG [SECONDS]} listens on 127.0.0.1 with
 * that backlog, prints {@code listening}, never accepts, and exits after SECONDS (default 120) so
 * that it cannot outlive a test that forgot it.
 */
public final class Listen {
  private Listen() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int backlog = Integer.parseInt(args[1]);
    long seconds = args.length > 2 ? Long.parseLong(args[2]) : 120;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", port), backlog);
      System.out.println("listening");
      System.out.flush();
      Thread.sleep(seconds * 1000);
    }
  }
}
