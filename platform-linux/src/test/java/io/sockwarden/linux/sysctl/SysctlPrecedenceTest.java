package io.sockwarden.linux.sysctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.BootValue;
import io.sockwarden.model.CollectionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysctlPrecedenceTest {
  @TempDir Path root;
  CollectionContext context;

  @BeforeEach
  void setUp() {
    context = new CollectionContext(root.resolve("proc"), root, root.resolve("state"));
  }

  private Path write(String path, String... lines) throws IOException {
    Path file = root.resolve(path.substring(1));
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines));
    return file;
  }

  private BootValue boot(SysctlPrecedence.Result r, String key) {
    return r.bootValues().stream().filter(b -> b.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void laterFileNameWinsAcrossDirectories() throws IOException {
    write("/usr/lib/sysctl.d/50-vendor.conf", "net.core.somaxconn = 1024");
    write("/etc/sysctl.d/60-local.conf", "net.core.somaxconn = 8192");
    write("/run/sysctl.d/10-early.conf", "net.core.somaxconn = 512");
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    BootValue b = boot(r, "net.core.somaxconn");
    assertThat(b.value()).isEqualTo("8192");
    assertThat(b.winner().file()).endsWith("/etc/sysctl.d/60-local.conf");
    assertThat(b.assignments()).extracting(a -> a.value()).containsExactly("512", "1024", "8192");
    assertThat(r.files())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("10-early.conf", "50-vendor.conf", "60-local.conf");
  }

  @Test
  void sameNameInEtcMasksTheVendorFile() throws IOException {
    Path vendor = write("/usr/lib/sysctl.d/50-x.conf", "net.core.somaxconn = 1024");
    Path local = write("/etc/sysctl.d/50-x.conf", "net.ipv4.tcp_syncookies = 1");
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.files()).containsExactly(local);
    assertThat(r.masked()).containsEntry(vendor, local);
    assertThat(r.bootValues())
        .extracting(BootValue::key)
        .containsExactly("net.ipv4.tcp_syncookies");
  }

  @Test
  void symlinkToDevNullMasksAndSetsNothing() throws IOException {
    write("/usr/lib/sysctl.d/50-x.conf", "net.core.somaxconn = 1024");
    Files.createDirectories(root.resolve("etc/sysctl.d"));
    Files.createSymbolicLink(root.resolve("etc/sysctl.d/50-x.conf"), Path.of("/dev/null"));
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.files()).isEmpty();
    assertThat(r.bootValues()).isEmpty();
  }

  @Test
  void sysctlConfIsLastAndReadOnceWhenLinkedAs99() throws IOException {
    write("/etc/sysctl.conf", "net.core.somaxconn = 2048");
    write("/etc/sysctl.d/95-late.conf", "net.core.somaxconn = 999");
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(boot(r, "net.core.somaxconn").value()).isEqualTo("2048");
    assertThat(boot(r, "net.core.somaxconn").winner().file()).endsWith("/etc/sysctl.conf");

    Files.createSymbolicLink(
        root.resolve("etc/sysctl.d/99-sysctl.conf"), Path.of("../sysctl.conf"));
    SysctlPrecedence.Result linked = SysctlPrecedence.read(context);
    assertThat(linked.files()).hasSize(2);
    assertThat(boot(linked, "net.core.somaxconn").assignments()).hasSize(2);
  }

  @Test
  void mergedUsrDirectoryIsReadOnce() throws IOException {
    write("/usr/lib/sysctl.d/50-pid-max.conf", "kernel.pid_max = 4194304");
    Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.files()).hasSize(1);
    assertThat(boot(r, "kernel.pid_max").assignments()).hasSize(1);
  }

  @Test
  void malformedLinesAreProblemsWithFileAndLine() throws IOException {
    write("/etc/sysctl.d/70-bad.conf", "net.core.somaxconn = 4096", "oops");
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("70-bad.conf:2"));
    assertThat(boot(r, "net.core.somaxconn").value()).isEqualTo("4096");
  }

  @Test
  void ignoresFilesNotEndingInConf() throws IOException {
    write("/etc/sysctl.d/README.sysctl", "net.core.somaxconn = 1");
    assertThat(SysctlPrecedence.read(context).bootValues()).isEmpty();
  }
}
