package io.sockwarden.linux.remediate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.model.ApplyMode;
import io.sockwarden.model.Change;
import io.sockwarden.model.ChangeRejectedException;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.ConnectionCensus;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.Listener;
import io.sockwarden.model.NetworkNamespace;
import io.sockwarden.model.PreparedChanges;
import io.sockwarden.model.ProcessRef;
import io.sockwarden.model.ResourceWrite;
import io.sockwarden.model.SysctlChange;
import io.sockwarden.model.TcpStates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preparation and validation against a proc tree of plain files under a temporary directory. */
class LinuxRemediationTest {
  @TempDir Path dir;
  LinuxRemediation remediation;
  HostFacts facts;

  @BeforeEach
  void setUp() throws Exception {
    sysctl("net.core.somaxconn", "128");
    sysctl("net.ipv4.tcp_syncookies", "0");
    sysctl("net.ipv4.ip_local_port_range", "40000\t40999");
    sysctl("net.ipv4.ip_local_reserved_ports", "");
    sysctl("net.ipv4.tcp_fin_timeout", "60");
    Files.createDirectories(dir.resolve("root/etc/sysctl.d"));
    CollectionContext ctx =
        new CollectionContext(dir.resolve("proc"), dir.resolve("root"), dir.resolve("state"));
    remediation = new LinuxRemediation(ctx);
    facts = facts(List.of());
  }

  private void sysctl(String key, String value) throws Exception {
    Path p = dir.resolve("proc/sys").resolve(key.replace('.', '/'));
    Files.createDirectories(p.getParent());
    Files.writeString(p, value + "\n");
  }

  private static HostFacts facts(List<Listener> listeners) {
    HostInfo host = new HostInfo("h", "linux", "6.1.0", 6, 1, true, "net:[1]", "b");
    return HostFacts.empty(host)
        .withCensus(
            new ConnectionCensus(new TcpStates(Map.of(), "test"), listeners, List.of(), "test"));
  }

  private PreparedChanges prepare(Change... changes) throws ChangeRejectedException {
    return remediation.prepare(List.of(changes), facts, ApplyMode.LIVE_AND_PERSISTENT);
  }

  private static String text(ResourceWrite w) {
    return new String(w.target().orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void plansALiveWriteAndTheOwnedFile() throws Exception {
    PreparedChanges p = prepare(new SysctlChange("net.core.somaxconn", "128", "4096"));
    assertThat(p.writes()).hasSize(2);
    assertThat(text(p.writes().get(0))).isEqualTo("4096");
    assertThat(text(p.writes().get(1)))
        .contains("net.core.somaxconn = 4096")
        .startsWith("# Managed by Sockwarden");
    assertThat(p.lines()).anyMatch(l -> l.contains("live        128 -> 4096"));
  }

  @Test
  void mergesDuplicateProposalsTakingTheLargerValue() throws Exception {
    PreparedChanges p =
        prepare(
            new SysctlChange("net.core.somaxconn", "128", "4096"),
            new SysctlChange("net.core.somaxconn", "128", "8192"));
    assertThat(p.changes()).containsExactly(new SysctlChange("net.core.somaxconn", "128", "8192"));
  }

  @Test
  void rejectsUnknownKeysAndOutOfBoundsValuesAllAtOnce() {
    assertThatThrownBy(
            () ->
                prepare(
                    new SysctlChange("net.core.nosuchkey", "1", "2"),
                    new SysctlChange("net.ipv4.tcp_syncookies", "0", "7"),
                    new SysctlChange("net.ipv4.ip_local_port_range", "40000 40999", "5000 4000"),
                    new SysctlChange("net.ipv4.tcp_fin_timeout", "60", "abc")))
        .isInstanceOf(ChangeRejectedException.class)
        .satisfies(
            e -> {
              ChangeRejectedException r = (ChangeRejectedException) e;
              assertThat(r.reason()).isEqualTo(ChangeRejectedException.Reason.INVALID);
              assertThat(r.problems())
                  .anyMatch(m -> m.contains("net.core.nosuchkey: no such kernel parameter"))
                  .anyMatch(m -> m.contains("tcp_syncookies: 7 is out of the kernel's range 0..2"))
                  .anyMatch(m -> m.contains("ip_local_port_range"))
                  .anyMatch(m -> m.contains("tcp_fin_timeout: 'abc' is not a whole number"));
            });
    assertThat(dir.resolve("root/etc/sysctl.d/90-sockwarden.conf")).doesNotExist();
  }

  @Test
  void refusesSomaxconnAboveSixteenBitsOnOldKernels() {
    HostInfo old = new HostInfo("h", "linux", "3.10.0", 3, 10, true, "net:[1]", "b");
    HostFacts oldFacts = HostFacts.empty(old);
    assertThatThrownBy(
            () ->
                remediation.prepare(
                    List.of(new SysctlChange("net.core.somaxconn", "128", "70000")),
                    oldFacts,
                    ApplyMode.LIVE_AND_PERSISTENT))
        .hasMessageContaining("before 4.1");
  }

  @Test
  void reservesListenerPortsBeforeWideningTheRange() throws Exception {
    facts =
        facts(
            List.of(
                new Listener("0.0.0.0", 35000, 0, 128, new ProcessRef(1, "x"), "test"),
                new Listener("0.0.0.0", 22, 0, 128, new ProcessRef(2, "sshd"), "test")));
    PreparedChanges p =
        prepare(new SysctlChange("net.ipv4.ip_local_port_range", "40000 40999", "32768 60999"));
    assertThat(p.changes())
        .extracting(c -> ((SysctlChange) c).key())
        .containsExactly("net.ipv4.ip_local_reserved_ports", "net.ipv4.ip_local_port_range");
    assertThat(text(p.writes().get(0))).isEqualTo("35000");
    assertThat(text(p.writes().get(1))).isEqualTo("32768 60999");
  }

  @Test
  void liveOnlyWritesNoFileAndPersistOnlyNoLiveValue() throws Exception {
    SysctlChange c = new SysctlChange("net.core.somaxconn", "128", "4096");
    PreparedChanges live = remediation.prepare(List.of(c), facts, ApplyMode.LIVE_ONLY);
    assertThat(live.writes())
        .singleElement()
        .satisfies(w -> assertThat(w.resource().id()).startsWith("live:"));
    PreparedChanges persist = remediation.prepare(List.of(c), facts, ApplyMode.PERSISTENT_ONLY);
    assertThat(persist.writes())
        .singleElement()
        .satisfies(w -> assertThat(w.resource().id()).startsWith("file:"));
  }

  @Test
  void keepsOtherLinesOfTheOwnedFileAndReplacesItsOwn() throws Exception {
    Path owned = dir.resolve("root/etc/sysctl.d/90-sockwarden.conf");
    Files.writeString(owned, "# mine\nnet.core.somaxconn = 1024\nnet.ipv4.tcp_fin_timeout = 30\n");
    PreparedChanges p = prepare(new SysctlChange("net.core.somaxconn", "128", "4096"));
    assertThat(text(p.writes().get(1)))
        .isEqualTo("# mine\nnet.core.somaxconn = 4096\nnet.ipv4.tcp_fin_timeout = 30\n");
  }

  @Test
  void nothingToDoWhenEverythingIsInPlace() throws Exception {
    sysctl("net.core.somaxconn", "4096");
    Files.writeString(
        dir.resolve("root/etc/sysctl.d/90-sockwarden.conf"), "net.core.somaxconn = 4096\n");
    assertThat(prepare(new SysctlChange("net.core.somaxconn", "128", "4096")).nothingToDo())
        .isTrue();
  }

  @Test
  void refusesALaterFileThatWouldOverrideTheValueAtBoot() throws Exception {
    // systemd-sysctl reads /etc/sysctl.conf through Debian's link, at that name's turn.
    Files.writeString(dir.resolve("root/etc/sysctl.conf"), "net.core.somaxconn = 512\n");
    Path link = dir.resolve("root/etc/sysctl.d/99-sysctl.conf");
    Files.createSymbolicLink(link, Path.of("../sysctl.conf"));
    assertThatThrownBy(() -> prepare(new SysctlChange("net.core.somaxconn", "128", "4096")))
        .hasMessageContaining("etc/sysctl.d/99-sysctl.conf:1")
        .hasMessageContaining("overridden at boot");
    Files.delete(link);
    Files.delete(dir.resolve("root/etc/sysctl.conf"));
    Files.writeString(dir.resolve("root/etc/sysctl.d/10-early.conf"), "net.core.somaxconn = 512\n");
    assertThat(prepare(new SysctlChange("net.core.somaxconn", "128", "4096")).writes()).hasSize(2);
  }

  @Test
  void resourcesRoundTripThroughTheirIds() throws Exception {
    PreparedChanges p = prepare(new SysctlChange("net.core.somaxconn", "128", "4096"));
    for (ResourceWrite w : p.writes()) {
      assertThat(remediation.resource(w.resource().id()).id()).isEqualTo(w.resource().id());
    }
    assertThat(remediation.resource(p.writes().get(0).resource().id()).read())
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("128"));
    assertThat(remediation.resource(p.writes().get(1).resource().id()).read())
        .isEqualTo(Optional.empty());
    assertThatThrownBy(() -> remediation.resource("registry:HKLM"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Another namespace, whose live values a counting access reads and writes. */
  private static final class CountingAccess implements LiveAccess {
    int calls;

    @Override
    public <T> T call(IoAction<T> action) throws java.io.IOException {
      calls++;
      return action.run();
    }
  }

  private static NetworkNamespace namespace(String label, NetworkNamespace.Kind kind) {
    return new NetworkNamespace(
        4026532999L, label, kind, "/proc/4242/ns/net", List.of(4242), Optional.empty());
  }

  private LinuxRemediation inside(NetworkNamespace ns, LiveAccess access) {
    return new LinuxRemediation(
        new CollectionContext(dir.resolve("proc"), dir.resolve("root"), dir.resolve("state")),
        ns,
        access);
  }

  @Test
  void inAnotherNamespaceOnlyLiveValuesAreWrittenThroughItsAccessAndThePlanAdvises()
      throws Exception {
    CountingAccess access = new CountingAccess();
    LinuxRemediation in =
        inside(namespace("k8s:shop/cart-1", NetworkNamespace.Kind.CONTAINER), access);
    PreparedChanges p =
        in.prepare(
            List.of(
                new SysctlChange("net.core.somaxconn", "128", "4096"),
                new SysctlChange("net.ipv4.tcp_syncookies", "0", "1")),
            facts,
            ApplyMode.LIVE_AND_PERSISTENT);
    assertThat(in.scope()).isEqualTo("net:[4026532999]");
    assertThat(in.namespaceLabel()).contains("k8s:shop/cart-1");
    assertThat(p.writes()).hasSize(2).allMatch(w -> w.resource() instanceof LiveSysctl);
    assertThat(access.calls).as("existence, value and writability, inside").isGreaterThan(0);
    assertThat(p.lines())
        .anyMatch(l -> l.contains("live        128 -> 4096"))
        .anyMatch(l -> l.contains("at boot     none: no sysctl.d applies to k8s:shop/cart-1"))
        .anyMatch(l -> l.startsWith("file: none written"))
        .contains(
            "        securityContext:",
            "          - name: net.core.somaxconn",
            "            value: \"4096\"",
            "          - name: net.ipv4.tcp_syncookies",
            "            value: \"1\"")
        .anyMatch(l -> l.contains("--allowed-unsafe-sysctls=net.core.somaxconn)"))
        .noneMatch(l -> l.contains("docker run"));
    assertThat(p.warnings()).anyMatch(w -> w.contains("loses them when it is re-created"));
    assertThat(dir.resolve("root/etc/sysctl.d/90-sockwarden.conf")).doesNotExist();

    access.calls = 0;
    p.writes().get(0).resource().write(p.writes().get(0).target());
    assertThat(access.calls).isEqualTo(1);
    assertThat(dir.resolve("proc/sys/net/core/somaxconn")).hasContent("4096");
  }

  @Test
  void adviceNamesTheToolThatMadeTheNamespace() throws Exception {
    SysctlChange range =
        new SysctlChange("net.ipv4.ip_local_port_range", "40000 40999", "10000 65000");
    assertThat(
            inside(namespace("docker:web", NetworkNamespace.Kind.CONTAINER), LiveAccess.HERE)
                .prepare(List.of(range), facts, ApplyMode.LIVE_ONLY)
                .lines())
        .contains(
            "    docker run --sysctl net.ipv4.ip_local_port_range='10000 65000' ...",
            "          net.ipv4.ip_local_port_range: \"10000 65000\"")
        .noneMatch(l -> l.contains("securityContext"));
    assertThat(
            inside(namespace("blue", NetworkNamespace.Kind.NAMED), LiveAccess.HERE)
                .prepare(List.of(range), facts, ApplyMode.LIVE_ONLY)
                .lines())
        .contains(
            "        ip netns exec blue sysctl -w net.ipv4.ip_local_port_range='10000 65000'");
  }

  @Test
  void inAnotherNamespaceHostWideKeysAndPersistOnlyAreRefused() throws Exception {
    sysctl("fs.file-max", "1000");
    LinuxRemediation in =
        inside(namespace("docker:web", NetworkNamespace.Kind.CONTAINER), LiveAccess.HERE);
    assertThatThrownBy(
            () ->
                in.prepare(
                    List.of(new SysctlChange("fs.file-max", "1000", "2000000")),
                    facts,
                    ApplyMode.LIVE_ONLY))
        .isInstanceOf(ChangeRejectedException.class)
        .hasMessageContaining("fs.file-max is host-wide");
    assertThatThrownBy(
            () ->
                in.prepare(
                    List.of(new SysctlChange("net.core.somaxconn", "128", "4096")),
                    facts,
                    ApplyMode.PERSISTENT_ONLY))
        .isInstanceOf(ChangeRejectedException.class)
        .hasMessageContaining("--persist-only: docker:web has no persistent configuration");
    assertThat(dir.resolve("proc/sys/fs/file-max")).hasContent("1000");
  }

  @Test
  void aNamespaceThatCannotBeEnteredIsAProblemNotAWrite() {
    LiveAccess gone =
        new LiveAccess() {
          @Override
          public <T> T call(IoAction<T> action) throws java.io.IOException {
            throw new java.io.IOException("network namespace docker:web is gone (ENOENT)");
          }
        };
    assertThatThrownBy(
            () ->
                inside(namespace("docker:web", NetworkNamespace.Kind.CONTAINER), gone)
                    .prepare(
                        List.of(new SysctlChange("net.core.somaxconn", "128", "4096")),
                        facts,
                        ApplyMode.LIVE_ONLY))
        .isInstanceOf(ChangeRejectedException.class)
        .hasMessageContaining("net.core.somaxconn: network namespace docker:web is gone");
    assertThat(dir.resolve("proc/sys/net/core/somaxconn")).hasContent("128");
  }
}
