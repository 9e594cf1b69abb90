package io.sockwarden.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The socket problems of the fleet test's hosts, run inside the host's network namespace until it
 * is killed. Everything is on the namespace's own loopback.
 *
 * <ul>
 *   <li>{@code overflow PORT}: a listener with backlog 1 that never accepts, and a stream of
 *       connection attempts against it, so that {@code TcpExt.ListenOverflows} keeps rising;
 *   <li>{@code hold PORT N CLOSED}: a listener that accepts everything, N client connections to it
 *       of which the first CLOSED are closed by the client (TIME_WAIT on the client's side, still
 *       holding their local ports) and the rest stay open.
 * </ul>
 *
 * Prints {@code ready} once the load is in place.
 */
public final class SocketLoad {
  private SocketLoad() {}

  public static void main(String[] args) throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    int port = Integer.parseInt(args[1]);
    switch (args[0]) {
      case "overflow" -> overflow(lo, port);
      case "hold" -> hold(lo, port, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void overflow(InetAddress lo, int port) throws Exception {
    try (ServerSocket listener = new ServerSocket(port, 1, lo)) {
      Deque<SocketChannel> pending = new ArrayDeque<>();
      System.out.println("ready");
      System.out.flush();
      while (true) {
        for (int i = 0; i < 5; i++) {
          SocketChannel c = SocketChannel.open();
          c.configureBlocking(false);
          c.connect(new InetSocketAddress(lo, port));
          pending.add(c);
        }
        // Bounded: the oldest attempts are abandoned, so descriptors and ports stay few.
        while (pending.size() > 40) {
          pending.poll().close();
        }
        Thread.sleep(200);
      }
    }
  }

  private static void hold(InetAddress lo, int port, int n, int closed) throws Exception {
    try (ServerSocket listener = new ServerSocket(port, n + 10, lo)) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket s = listener.accept();
                    synchronized (accepted) {
                      accepted.add(s);
                    }
                  }
                } catch (IOException e) {
                  // the listener was closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      List<Socket> clients = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        clients.add(new Socket(lo, port));
      }
      for (int i = 0; i < closed; i++) {
        clients.get(i).close();
      }
      // The server closes the connections whose client closed first, so that those clients reach
      // TIME_WAIT (not FIN_WAIT_2).
      long deadline = System.nanoTime() + 10_000_000_000L;
      int seen = 0;
      while (seen < closed && System.nanoTime() < deadline) {
        List<Socket> now;
        synchronized (accepted) {
          now = new ArrayList<>(accepted);
        }
        for (Socket s : now) {
          if (s.isClosed()) {
            continue;
          }
          s.setSoTimeout(10);
          try {
            if (s.getInputStream().read() < 0) {
              s.close();
              seen++;
            }
          } catch (java.net.SocketTimeoutException e) {
            // still open on the client's side
          }
        }
      }
      System.out.println("ready");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
