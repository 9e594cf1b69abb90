package io.sockwarden.linux.sysctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.BootValue;
import io.sockwarden.model.CollectionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  void sysctlConfIsReadOnlyThroughTheLinkAs99() throws IOException {
    write("/etc/sysctl.conf", "net.core.somaxconn = 2048");
    write("/etc/sysctl.d/95-late.conf", "net.core.somaxconn = 999");
    SysctlPrecedence.Result unlinked = SysctlPrecedence.read(context);
    assertThat(boot(unlinked, "net.core.somaxconn").value()).isEqualTo("999");
    assertThat(unlinked.files())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("95-late.conf");

    Files.createSymbolicLink(
        root.resolve("etc/sysctl.d/99-sysctl.conf"), Path.of("../sysctl.conf"));
    SysctlPrecedence.Result linked = SysctlPrecedence.read(context);
    assertThat(linked.files())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("95-late.conf", "99-sysctl.conf");
    BootValue b = boot(linked, "net.core.somaxconn");
    assertThat(b.value()).isEqualTo("2048");
    assertThat(b.winner().location()).endsWith("/etc/sysctl.d/99-sysctl.conf:1");
    assertThat(b.assignments()).hasSize(2);
  }

  @Test
  void sysctlConfIsAppliedAtItsLinksNameNotLast() throws IOException {
    write("/etc/sysctl.conf", "net.core.somaxconn = 2048");
    Files.createDirectories(root.resolve("etc/sysctl.d"));
    Files.createSymbolicLink(
        root.resolve("etc/sysctl.d/99-sysctl.conf"), Path.of("../sysctl.conf"));
    write("/usr/lib/sysctl.d/99-zz-vendor.conf", "net.core.somaxconn = 1024");
    assertThat(boot(SysctlPrecedence.read(context), "net.core.somaxconn").value())
        .isEqualTo("1024");
  }

  @Test
  void sysctlConfIsNotAppliedWhenItsLinkNameIsMasked() throws IOException {
    write("/etc/sysctl.conf", "net.core.somaxconn = 2048");
    write("/usr/lib/sysctl.d/10-vendor.conf", "net.ipv4.tcp_syncookies = 1");
    Files.createDirectories(root.resolve("etc/sysctl.d"));
    Files.createSymbolicLink(root.resolve("etc/sysctl.d/99-sysctl.conf"), Path.of("/dev/null"));
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.bootValues())
        .extracting(BootValue::key)
        .containsExactly("net.ipv4.tcp_syncookies");
    assertThat(r.files())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("10-vendor.conf");
  }

  @Test
  void sysctlConfIsNotAppliedWhen99SysctlConfIsAFileOfItsOwn() throws IOException {
    write("/etc/sysctl.conf", "net.core.somaxconn = 2048", "net.ipv4.tcp_fin_timeout = 30");
    write("/etc/sysctl.d/99-sysctl.conf", "net.core.somaxconn = 8192");
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.bootValues()).extracting(BootValue::key).containsExactly("net.core.somaxconn");
    assertThat(boot(r, "net.core.somaxconn").value()).isEqualTo("8192");
  }

  @Test
  void absoluteLinksResolveInsideTheRoot() throws IOException {
    write("/opt/shared/tuning.conf", "net.core.somaxconn = 2048");
    Files.createDirectories(root.resolve("etc/sysctl.d"));
    Files.createSymbolicLink(
        root.resolve("etc/sysctl.d/60-shared.conf"), Path.of("/opt/shared/tuning.conf"));
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.problems()).isEmpty();
    assertThat(boot(r, "net.core.somaxconn").value()).isEqualTo("2048");
  }

  @Test
  void hiddenFilesAreSkipped() throws IOException {
    write("/etc/sysctl.d/50-x.conf", "net.core.somaxconn = 1024");
    write("/etc/sysctl.d/.99-editor-backup.conf", "net.core.somaxconn = 1");
    write("/usr/lib/sysctl.d/.conf", "net.ipv4.tcp_syncookies = 0");
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.bootValues()).extracting(BootValue::key).containsExactly("net.core.somaxconn");
    assertThat(boot(r, "net.core.somaxconn").value()).isEqualTo("1024");
    assertThat(r.files()).extracting(p -> p.getFileName().toString()).containsExactly("50-x.conf");
  }

  @Test
  void aHiddenFileDoesNotMaskTheSameNameElsewhere() throws IOException {
    write("/etc/sysctl.d/.50-x.conf", "net.core.somaxconn = 1");
    write("/usr/lib/sysctl.d/50-x.conf", "net.core.somaxconn = 1024");
    assertThat(boot(SysctlPrecedence.read(context), "net.core.somaxconn").value())
        .isEqualTo("1024");
  }

  @Test
  void dashKeyWithoutEqualsCancelsEarlierAssignments() throws IOException {
    write(
        "/usr/lib/sysctl.d/10-vendor.conf",
        "net.core.somaxconn = 1024",
        "net.ipv4.tcp_fin_timeout = 30");
    write("/etc/sysctl.d/50-local.conf", "-net.core.somaxconn", "  - net/ipv4/tcp_fin_timeout  ");
    write("/etc/sysctl.d/60-again.conf", "net.ipv4.tcp_fin_timeout = 45");
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.bootValues())
        .extracting(BootValue::key)
        .containsExactly("net.ipv4.tcp_fin_timeout");
    BootValue fin = boot(r, "net.ipv4.tcp_fin_timeout");
    assertThat(fin.value()).isEqualTo("45");
    assertThat(fin.assignments()).extracting(a -> a.value()).containsExactly("45");
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void cancellationAppliesInLineOrderWithinAFile() throws IOException {
    write(
        "/etc/sysctl.d/50-x.conf",
        "net.core.somaxconn = 1024",
        "-net.core.somaxconn",
        "net.core.somaxconn = 2048",
        "net.ipv4.tcp_syncookies = 0",
        "-net.ipv4.tcp_syncookies");
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.bootValues()).extracting(BootValue::key).containsExactly("net.core.somaxconn");
    assertThat(boot(r, "net.core.somaxconn").assignments())
        .extracting(a -> a.value())
        .containsExactly("2048");
  }

  @Test
  void dashKeyWithEqualsIgnoresErrorsAndStillAssigns() throws IOException {
    write("/etc/sysctl.d/50-x.conf", "-net.core.somaxconn = 8192", "- net.ipv4.tcp_syncookies=2");
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(boot(r, "net.core.somaxconn").value()).isEqualTo("8192");
    assertThat(boot(r, "net.core.somaxconn").winner().ignoreErrors()).isTrue();
    assertThat(boot(r, "net.ipv4.tcp_syncookies").value()).isEqualTo("2");
  }

  @Test
  void bytesThatAreNotUtf8DoNotFailTheRead() throws IOException {
    Path file = root.resolve("etc/sysctl.d/50-latin1.conf");
    Files.createDirectories(file.getParent());
    Files.write(
        file,
        "# R\u00e9glages r\u00e9seau\nnet.core.somaxconn = 8192\n; caf\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(boot(r, "net.core.somaxconn").value()).isEqualTo("8192");
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void anAssignmentThatIsNotUtf8IsAProblemNamingFileAndLine() throws IOException {
    Path file = root.resolve("etc/sysctl.d/50-latin1.conf");
    Files.createDirectories(file.getParent());
    Files.write(
        file,
        ("net.core.somaxconn = 8192\nkernel.core_pattern = /var/cor\u00e9/%e\n"
                + "net.ipv4.tcp_fin_timeout = 30\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("50-latin1.conf:2").contains("UTF-8"));
    assertThat(boot(r, "net.core.somaxconn").value()).isEqualTo("8192");
    assertThat(boot(r, "net.ipv4.tcp_fin_timeout").value()).isEqualTo("30");
  }

  @Test
  void emptyFilesDanglingLinksAndDirectoriesMaskTheName() throws IOException {
    write("/usr/lib/sysctl.d/60-a.conf", "net.core.somaxconn = 1024");
    write("/usr/lib/sysctl.d/61-b.conf", "net.ipv4.tcp_syncookies = 0");
    write("/usr/lib/sysctl.d/62-c.conf", "net.ipv4.tcp_fin_timeout = 30");
    Files.createDirectories(root.resolve("etc/sysctl.d"));
    Files.createFile(root.resolve("etc/sysctl.d/60-a.conf"));
    Files.createSymbolicLink(root.resolve("etc/sysctl.d/61-b.conf"), Path.of("../gone.conf"));
    Files.createDirectories(root.resolve("run/sysctl.d/62-c.conf"));
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.bootValues()).isEmpty();
    assertThat(r.files()).isEmpty();
    assertThat(r.masked()).hasSize(3);
    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.source()).endsWith("run/sysctl.d/62-c.conf"));
  }

  @Test
  void keySpellingsAreNormalisedAsSystemdDoes() throws IOException {
    write(
        "/etc/sysctl.d/50-x.conf",
        "/net/core/somaxconn = 8192",
        "net..ipv4.tcp_syncookies = 0",
        "net.ipv4.tcp_fin_timeout. = 30",
        "net/ipv4/conf/eth0.100/forwarding = 1");
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(r.bootValues())
        .extracting(BootValue::key)
        .containsExactly(
            "net.core.somaxconn",
            "net.ipv4.conf.eth0/100.forwarding",
            "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_syncookies");
  }

  @Test
  void onlyBlanksAndTabsAreWhiteSpace() throws IOException {
    write(
        "/etc/sysctl.d/50-x.conf",
        "\tnet.core.somaxconn\t=\t8192  ",
        "\fnet.ipv4.tcp_syncookies = 0",
        "\u000bnet.ipv4.tcp_fin_timeout = 30");
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(boot(r, "net.core.somaxconn").value()).isEqualTo("8192");
    assertThat(r.bootValues())
        .extracting(BootValue::key)
        .doesNotContain("net.ipv4.tcp_syncookies", "net.ipv4.tcp_fin_timeout");
  }

  @Test
  void linesEndAtNulAndCarriageReturnToo() throws IOException {
    Path file = root.resolve("etc/sysctl.d/50-x.conf");
    Files.createDirectories(file.getParent());
    Files.write(
        file,
        "net.core.somaxconn = 8192\0net.ipv4.tcp_syncookies = 0\rnet.ipv4.tcp_fin_timeout = 30\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    SysctlPrecedence.Result r = SysctlPrecedence.read(context);
    assertThat(boot(r, "net.core.somaxconn").value()).isEqualTo("8192");
    assertThat(boot(r, "net.ipv4.tcp_syncookies").value()).isEqualTo("0");
    assertThat(boot(r, "net.ipv4.tcp_fin_timeout").winner().line()).isEqualTo(3);
  }

  @Test
  void separateLibDirectoryIsReadWhenNotMerged() throws IOException {
    write("/lib/sysctl.d/50-old.conf", "net.core.somaxconn = 2048");
    write("/usr/lib/sysctl.d/40-new.conf", "net.core.somaxconn = 1024");
    assertThat(boot(SysctlPrecedence.read(context), "net.core.somaxconn").value())
        .isEqualTo("2048");
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
