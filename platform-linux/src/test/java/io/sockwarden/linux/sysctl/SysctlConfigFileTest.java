package io.sockwarden.linux.sysctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.SysctlAssignment;
import java.nio.charset.StandardCharsets;
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

  @Test
  void dashKeyWithoutEqualsIsACancellationNotAMalformedLine() {
    SysctlConfigFile.Parsed p =
        SysctlConfigFile.parse(
            List.of(
                "net.core.somaxconn = 1024",
                "-net.core.somaxconn",
                " -  net/ipv4/tcp_fin_timeout "),
            "f.conf");
    assertThat(p.malformed()).isEmpty();
    assertThat(p.cancellations())
        .extracting(SysctlConfigFile.Cancellation::key, SysctlConfigFile.Cancellation::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("net.core.somaxconn", 2),
            org.assertj.core.groups.Tuple.tuple("net.ipv4.tcp_fin_timeout", 3));
  }

  @Test
  void keysAreNormalisedLikeSystemd() {
    assertThat(SysctlConfigFile.dotted("/net/core/somaxconn")).isEqualTo("net.core.somaxconn");
    assertThat(SysctlConfigFile.dotted("net..core.somaxconn")).isEqualTo("net.core.somaxconn");
    assertThat(SysctlConfigFile.dotted("net.core.somaxconn.")).isEqualTo("net.core.somaxconn");
    assertThat(SysctlConfigFile.dotted("net//core/./somaxconn/")).isEqualTo("net.core.somaxconn");
    assertThat(SysctlConfigFile.dotted("net.ipv4.conf.*.rp_filter"))
        .isEqualTo("net.ipv4.conf.*.rp_filter");
  }

  @Test
  void formFeedIsNotWhiteSpace() {
    SysctlConfigFile.Parsed p =
        SysctlConfigFile.parse(
            List.of("\fnet.core.somaxconn = 1", "\tnet.ipv4.tcp_syncookies\t=\t0\t"), "f");
    assertThat(p.assignments())
        .extracting(SysctlAssignment::key)
        .containsExactly("\fnet.core.somaxconn", "net.ipv4.tcp_syncookies");
  }

  @Test
  void bytesAreSplitAtEveryLineEndSystemdKnows() {
    byte[] content =
        "a.b = 1\r\nc.d = 2\n\re.f = 3\0g.h = 4\ri.j = 5\n\nk.l = 6"
            .getBytes(StandardCharsets.US_ASCII);
    SysctlConfigFile.Parsed p = SysctlConfigFile.parse(content, "f");
    assertThat(p.assignments())
        .extracting(SysctlAssignment::key, SysctlAssignment::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a.b", 1),
            org.assertj.core.groups.Tuple.tuple("c.d", 2),
            org.assertj.core.groups.Tuple.tuple("e.f", 3),
            org.assertj.core.groups.Tuple.tuple("g.h", 4),
            org.assertj.core.groups.Tuple.tuple("i.j", 5),
            org.assertj.core.groups.Tuple.tuple("k.l", 7));
  }

  @Test
  void invalidUtf8IsReplacedAndReportedOutsideComments() {
    byte[] content =
        "# caf\u00e9\nnet.core.somaxconn = 8192\nkernel.x = caf\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    SysctlConfigFile.Parsed p = SysctlConfigFile.parse(content, "/etc/sysctl.d/50-x.conf");
    assertThat(p.assignments())
        .extracting(SysctlAssignment::key, SysctlAssignment::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("net.core.somaxconn", "8192"),
            org.assertj.core.groups.Tuple.tuple("kernel.x", "caf\ufffd"));
    assertThat(p.malformed())
        .singleElement()
        .satisfies(m -> assertThat(m).startsWith("/etc/sysctl.d/50-x.conf:3: not valid UTF-8"));
  }
}
