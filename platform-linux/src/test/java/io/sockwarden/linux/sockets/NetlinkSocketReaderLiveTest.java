package io.sockwarden.linux.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The netlink reader against this machine's kernel: its receive timeout and a real dump. */
@EnabledOnOs(OS.LINUX)
class NetlinkSocketReaderLiveTest {
  @BeforeEach
  void netlinkWorksHere() {
    // Every Linux kernel this project supports has NETLINK_SOCK_DIAG: absence is a failure.
    assertThat(NetlinkSocketReader.available()).as("NETLINK_SOCK_DIAG socket").isTrue();
  }

  @Test
  void aReplyThatNeverComesEndsInATimeoutException() {
    NetlinkSocketReader reader = new NetlinkSocketReader(Duration.ofMillis(200));
    long start = System.nanoTime();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(reader::awaitReplyToNothing)
                .isInstanceOf(IOException.class)
                .hasMessage("netlink inet_diag timed out: no reply from the kernel within 200 ms"));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void aDumpWithAShortTimeoutStillSeesOurListener() throws Exception {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 7);
      List<String> seen = new ArrayList<>();
      new NetlinkSocketReader(Duration.ofMillis(100))
          .read(
              1 << TcpState.LISTEN,
              s -> {
                if (s.localPort == server.getLocalPort()) {
                  seen.add(s.local().getHostAddress() + " backlog " + s.sendQueue);
                }
              });
      assertThat(seen).containsExactly("127.0.0.1 backlog 7");
    }
  }

  @Test
  void rejectsATimeoutUnderOneMillisecond() {
    assertThatThrownBy(() -> new NetlinkSocketReader(Duration.ofNanos(999_999)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
