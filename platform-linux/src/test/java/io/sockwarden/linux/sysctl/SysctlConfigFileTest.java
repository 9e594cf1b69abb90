package io.sockwarden.linux.sysctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.SysctlAssignment;
import java.util.List;
import org.junit.jupiter.api.Test;

class SysctlConfigFileTest {
  @Test
  void parsesAssignmentsCommentsAndIgnoreErrorPrefix() {
    SysctlConfigFile.Parsed p =
        SysctlConfigFile.parse(
            List.of(
                "# comment",
                "; also a comment",
                "",
                "net.core.somaxconn = 8192",
                "  net/ipv4/ip_local_port_range=1024\t65000  ",
                "-net.ipv4.tcp_tw_reuse = 1",
                "this line is wrong",
                "= 5"),
            "/etc/sysctl.d/90-x.conf");
    assertThat(p.assignments())
        .extracting(SysctlAssignment::key, SysctlAssignment::value, SysctlAssignment::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("net.core.somaxconn", "8192", 4),
            org.assertj.core.groups.Tuple.tuple("net.ipv4.ip_local_port_range", "1024 65000", 5),
            org.assertj.core.groups.Tuple.tuple("net.ipv4.tcp_tw_reuse", "1", 6));
    assertThat(p.assignments().get(2).ignoreErrors()).isTrue();
    assertThat(p.malformed())
        .containsExactly(
            "/etc/sysctl.d/90-x.conf:7: no '=' in 'this line is wrong'",
            "/etc/sysctl.d/90-x.conf:8: empty key in '= 5'");
  }

  @Test
  void slashSeparatedKeysKeepLiteralDots() {
    assertThat(SysctlConfigFile.dotted("net/ipv4/conf/eth0.100/forwarding"))
        .isEqualTo("net.ipv4.conf.eth0/100.forwarding");
    assertThat(SysctlConfigFile.dotted("net.ipv4.conf.eth0/100.forwarding"))
        .isEqualTo("net.ipv4.conf.eth0/100.forwarding");
    assertThat(SysctlConfigFile.dotted("net/core/somaxconn")).isEqualTo("net.core.somaxconn");
  }
}
