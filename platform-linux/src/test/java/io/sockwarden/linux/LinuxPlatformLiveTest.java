package io.sockwarden.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.linux.proc.ProcText;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.LinuxFacts;
import io.sockwarden.model.SockStat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Reads the real /proc of this machine and checks invariants, not values. */
@EnabledOnOs(OS.LINUX)
class LinuxPlatformLiveTest {
  private final HostFacts facts =
      new LinuxPlatform()
          .collect(new CollectionContext(Path.of("/proc"), Path.of("/"), Path.of("/nonexistent")));

  @Test
  void readsWholeValuesNotTruncatedOnes() throws Exception {
    String viaProcText = ProcText.read(Path.of("/proc/sys/net/core/somaxconn")).trim();
    assertThat(facts.sysctl("net.core.somaxconn").orElseThrow().value()).isEqualTo(viaProcText);
    assertThat(facts.sysctl("net.core.somaxconn").orElseThrow().asLong()).isGreaterThan(9);
    assertThat(facts.sysctl("net.ipv4.ip_local_port_range").orElseThrow().fieldCount())
        .isEqualTo(2);
  }

  @Test
  void derivesRangeFileHandlesAndCounters() {
    EphemeralRange range = facts.ephemeralRange().orElseThrow();
    assertThat(range.low()).isLessThan(range.high());
    assertThat(facts.counter("TcpExt.ListenOverflows")).isPresent();
    assertThat(facts.counter("TcpExt.ListenDrops").orElseThrow().value())
        .isGreaterThanOrEqualTo(facts.counter("TcpExt.ListenOverflows").orElseThrow().value());
    List<SockStat> sockStats = ((LinuxFacts) facts.platform()).sockStats();
    assertThat(sockStats).anyMatch(s -> s.protocol().equals("TCP") && s.get("inuse") >= 0);
    assertThat(sockStats).anyMatch(s -> s.protocol().equals("TCP6"));
  }

  @Test
  void identifiesTheKernelAndNamespace() {
    assertThat(facts.host().kernelMajor()).isGreaterThanOrEqualTo(3);
    assertThat(facts.host().networkNamespace()).matches("net:\\[\\d+\\]");
    assertThat(facts.problems()).noneMatch(p -> p.source().contains("somaxconn"));
  }
}
