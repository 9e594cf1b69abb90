package io.sockwarden.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load generator for scenario tests, run as its own process inside a test's network namespace. It
 * opens sockets on 127.0.0.1, writes its PID to the ready file, and holds everything open until
 * killed or until its deadline (60 s) passes, so it always ends by itself.
 *
 * <ul>
 *   <li>{@code overflow PORT BACKLOG CLIENTS READY}: a listener that never accepts, and CLIENTS
 *       non-blocking connects to it.
 *   <li>{@code ports PORT N FEW_PORT M READY}: N connections to PORT and M to FEW_PORT (both
 *       accepted).
 *   <li>{@code timewait PORT N READY}: N connections opened and closed by the client first, so each
 *       leaves a socket in TIME_WAIT.
 * </ul>
 */
public final class SocketLoad {
  private static final long DEADLINE_MS = 60_000;
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private SocketLoad() {}

  public static void main(String[] args) throws Exception {
    long start = System.currentTimeMillis();
    List<AutoCloseable> held = new ArrayList<>();
    Path ready;
    switch (args[0]) {
      case "overflow" -> {
        ServerSocket server =
            new ServerSocket(Integer.parseInt(args[1]), Integer.parseInt(args[2]), LOOPBACK);
        held.add(server);
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
          SocketChannel c = SocketChannel.open();
          c.configureBlocking(false);
          c.connect(new InetSocketAddress(LOOPBACK, server.getLocalPort()));
          held.add(c);
        }
        Thread.sleep(500); // let the handshakes complete and the overflow happen
        ready = Path.of(args[4]);
      }
      case "ports" -> {
        held.addAll(connections(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
        held.addAll(connections(Integer.parseInt(args[3]), Integer.parseInt(args[4])));
        ready = Path.of(args[5]);
      }
      case "timewait" -> {
        int port = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        AtomicInteger drained = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(port, 4096, LOOPBACK)) {
          Thread acceptor = drainer(server, drained);
          for (int i = 0; i < n; i++) {
            new Socket(LOOPBACK, port).close();
          }
          // Wait (at most 20 s) until the server side has closed every connection too, so that
          // each client socket has moved on to TIME_WAIT.
          long until = System.currentTimeMillis() + 20_000;
          while (drained.get() < n && System.currentTimeMillis() < until) {
            Thread.sleep(20);
          }
          acceptor.interrupt();
        }
        ready = Path.of(args[3]);
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    Files.writeString(ready, Long.toString(ProcessHandle.current().pid()));
    while (System.currentTimeMillis() - start < DEADLINE_MS) {
      Thread.sleep(200);
    }
    for (AutoCloseable c : held) {
      c.close();
    }
  }

  /** N accepted connections to a listener on {@code port}; the list holds every socket. */
  private static List<AutoCloseable> connections(int port, int n) throws IOException {
    List<AutoCloseable> held = new ArrayList<>();
    ServerSocket server = new ServerSocket(port, n + 16, LOOPBACK);
    held.add(server);
    for (int i = 0; i < n; i++) {
      held.add(new Socket(LOOPBACK, port));
      held.add(server.accept());
    }
    return held;
  }

  /** Accepts connections and reads each to end of stream, then closes it (after the client). */
  private static Thread drainer(ServerSocket server, AtomicInteger drained) {
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try (Socket s = server.accept();
                    InputStream in = s.getInputStream()) {
                  while (in.read() >= 0) {
                    // wait for the client's FIN
                  }
                  drained.incrementAndGet();
                } catch (IOException e) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
