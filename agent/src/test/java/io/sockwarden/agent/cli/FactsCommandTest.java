package io.sockwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.agent.CliRun;
import io.sockwarden.agent.FakeHost;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactsCommandTest {
  @TempDir Path dir;

  @Test
  void printsFactsWithSources() {
    FakeHost host = new FakeHost(dir);
    host.rootFile("/etc/sysctl.d/60-x.conf", "net.core.somaxconn = 4096\n");
    CliRun run = CliRun.of(host.hostArgs("facts"));
    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out())
        .contains("net.ipv4.ip_local_port_range")
        .contains("32768 60999")
        .contains("TcpExt.ListenOverflows")
        .contains("60-x.conf:1")
        .contains(host.proc.resolve("sys/net/core/somaxconn").toString());
  }

  @Test
  void jsonListsEveryFactKind() throws Exception {
    FakeHost host = new FakeHost(dir);
    CliRun run = CliRun.of(host.hostArgs("facts", "--format", "json"));
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("kind").asText()).isEqualTo("facts");
    assertThat(doc.get("sysctls").size()).isEqualTo(11);
    assertThat(doc.get("counters").size()).isEqualTo(10);
    assertThat(doc.get("derived").findValuesAsText("type"))
        .contains("EphemeralRange", "FileHandles");
  }
}
