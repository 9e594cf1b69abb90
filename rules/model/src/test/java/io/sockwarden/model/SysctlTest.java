package io.sockwarden.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SysctlTest {
  @Test
  void normalisesTabSeparatedFields() {
    Sysctl range = new Sysctl("net.ipv4.ip_local_port_range", "32768\t60999\n", "/proc/x");
    assertThat(range.value()).isEqualTo("32768 60999");
    assertThat(range.fieldCount()).isEqualTo(2);
    assertThat(range.field(0)).isEqualTo(32768);
    assertThat(range.field(1)).isEqualTo(60999);
    assertThat(range.numeric()).isFalse();
  }

  @Test
  void readsSingleNumbers() {
    Sysctl s = new Sysctl("net.core.somaxconn", "4096\n", "/proc/x");
    assertThat(s.numeric()).isTrue();
    assertThat(s.asLong()).isEqualTo(4096);
  }

  @Test
  void rejectsMalformedChangeKeys() {
    assertThatThrownBy(() -> new SysctlChange("net..core", "1", "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("net..core");
    assertThatThrownBy(() -> new SysctlChange("net/core/somaxconn", "1", "2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SysctlChange("Net.core", "1", "2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SysctlChange("fs.file-max", "1", " 2 ").to()).isEqualTo("2");
  }

  @Test
  void severityParsesLabelsAndOrders() {
    assertThat(Severity.parse("Warning")).isEqualTo(Severity.WARNING);
    assertThat(Severity.CRITICAL.atLeast(Severity.WARNING)).isTrue();
    assertThat(Severity.INFO.atLeast(Severity.WARNING)).isFalse();
    assertThatThrownBy(() -> Severity.parse("urgent")).hasMessageContaining("info, warning");
  }

  @Test
  void policyRejectsOutOfRangeThresholds() {
    assertThatThrownBy(() -> new Policy(4096, 1024, 70000, 80, 70, 90, 50, 80))
        .hasMessageContaining("policy.ephemeral-ports-min");
    assertThatThrownBy(() -> new Policy(4096, 1024, 28232, 80, 90, 70, 50, 80))
        .hasMessageContaining("below policy.ephemeral-warning-percent");
  }

  @Test
  void draftTakesRuleSeverityUnlessOverridden() {
    FindingDraft d = new FindingDraft("t", "e");
    assertThat(d.complete("R", Severity.WARNING).severity()).isEqualTo(Severity.WARNING);
    d.severity(Severity.CRITICAL);
    assertThat(d.complete("R", Severity.WARNING).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void bootValueKnowsWhatItOverrides() {
    SysctlAssignment a = new SysctlAssignment("k.x", "1", "/usr/lib/sysctl.d/a.conf", 3, false);
    SysctlAssignment b = new SysctlAssignment("k.x", "2", "/etc/sysctl.d/b.conf", 1, false);
    BootValue v = new BootValue("k.x", b, java.util.List.of(a, b));
    assertThat(v.contested()).isTrue();
    assertThat(v.overridden()).containsExactly(a);
    assertThat(v.evidence().source()).isEqualTo("/etc/sysctl.d/b.conf:1");
  }
}
