import io.sockwarden.linux.sockets.NetlinkSocketReader;
import io.sockwarden.linux.sockets.SocketCensus;
import io.sockwarden.linux.sockets.SocketReader;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark helper, run by bench/census.sh inside a network namespace it made.
 *
 * <pre>
 * generate N DESTS   open and close N loopback connections spread over DESTS destination
 *                    addresses (127.0.1.1 ...), client side first, leaving N sockets in TIME_WAIT
 * measure RUNS       take the netlink census RUNS times; print the median time in ms and this
 *                    JVM's peak RSS (VmHWM) in MB
 * </pre>
 */
public final class CensusBench {
  public static void main(String[] args) throws Exception {
    if (args[0].equals("generate")) {
      generate(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    } else {
      measure(Integer.parseInt(args[1]));
    }
  }

  static void generate(int n, int dests) throws Exception {
    AtomicInteger drained = new AtomicInteger();
    long deadline = System.currentTimeMillis() + 50_000; // TIME_WAIT lasts 60 s
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress("0.0.0.0", 9000), 4096);
      Thread drainer = new Thread(() -> {
        while (true) {
          try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
            while (in.read() >= 0) { }
            drained.incrementAndGet();
          } catch (Exception e) {
            return;
          }
        }
      });
      drainer.setDaemon(true);
      drainer.start();
      for (int i = 0; i < n && System.currentTimeMillis() < deadline; i++) {
        InetAddress dest = InetAddress.getByAddress(new byte[] {127, 0, 1, (byte) (1 + i % dests)});
        new Socket(dest, 9000).close();
      }
      while (drained.get() < n && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
    }
    System.out.println("generated " + drained.get());
  }

  static void measure(int runs) throws Exception {
    long[] ns = new long[runs];
    long sockets = 0;
    int destinations = 0;
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      SocketCensus census = new SocketCensus(32768, 60999);
      new NetlinkSocketReader().read(SocketReader.ALL_STATES, census);
      destinations = census.destinations("bench").size();
      ns[r] = System.nanoTime() - t0;
      sockets = census.sockets();
    }
    Arrays.sort(ns);
    long hwmKb = 0;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        hwmKb = Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    System.out.printf(
        "census: %d sockets, %d destinations, median %.1f ms (first %.1f ms), peak RSS %d MB%n",
        sockets, destinations, ns[runs / 2] / 1e6, ns[0] / 1e6, hwmKb / 1024);
  }
}
