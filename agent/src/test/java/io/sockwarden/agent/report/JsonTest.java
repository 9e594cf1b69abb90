package io.sockwarden.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.model.DynamicPortRangeChange;
import io.sockwarden.model.Finding;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void aDynamicPortRangeChangeCarriesItsFamilyAndBothRanges() throws Exception {
    HostInfo host = new HostInfo("w", "windows", "10.0.17763", 10, 0, true, "host", "b");
    Finding f =
        new Finding(
            "WIN-DYNAMIC-RANGE-NARROW",
            Severity.WARNING,
            "narrow",
            "why",
            List.of(),
            List.of(new DynamicPortRangeChange("ipv4", 49152, 1000, 49152, 16384)));
    Scan scan = new Scan(Instant.EPOCH, HostFacts.empty(host), List.of(f), List.of(), "since boot");
    JsonNode change =
        new ObjectMapper()
            .readTree(Json.scan(scan, Severity.WARNING))
            .get("findings")
            .get(0)
            .get("changes")
            .get(0);
    assertThat(change.get("type").asText()).isEqualTo("dynamicPortRange");
    assertThat(change.get("family").asText()).isEqualTo("ipv4");
    assertThat(change.get("from").get("count").asInt()).isEqualTo(1000);
    assertThat(change.get("to").get("count").asInt()).isEqualTo(16384);
  }
}
