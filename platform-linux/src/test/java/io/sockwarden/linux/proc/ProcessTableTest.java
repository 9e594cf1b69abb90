package io.sockwarden.linux.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.ProcessFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {
  @TempDir Path proc;

  private void process(int pid, String comm, String limits, String... fdTargets) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("fd"));
    for (int i = 0; i < fdTargets.length; i++) {
      Files.createSymbolicLink(dir.resolve(Integer.toString(i)), Path.of(fdTargets[i]));
    }
    Files.writeString(dir.getParent().resolve("comm"), comm + "\n");
    Files.writeString(dir.getParent().resolve("limits"), limits);
  }

  private static String limits(String soft, String hard) {
    return "Limit                     Soft Limit           Hard Limit           Units     \n"
        + "Max processes             63671                63671                processes \n"
        + String.format("Max open files            %-20s %-20s files     %n", soft, hard);
  }

  @Test
  void findsListenerOwnersAndDescriptorUse() throws Exception {
    process(100, "nginx", limits("1024", "524288"), "/dev/null", "socket:[555]", "socket:[556]");
    process(200, "bash", limits("1024", "1024"), "/dev/pts/0", "socket:[999]");
    Files.createDirectories(proc.resolve("self"));
    ProcessTable t = ProcessTable.scan(proc, Set.of(555L));
    assertThat(t.owner(555).describe()).isEqualTo("pid 100 (nginx)");
    assertThat(t.owner(777).known()).isFalse();
    assertThat(t.processes())
        .singleElement()
        .isEqualTo(
            new ProcessFiles(
                100, "nginx", 3, 1024, 524288, 2, true, proc.resolve("100").toString()));
  }

  private static String[] files(int n) {
    String[] targets = new String[n];
    java.util.Arrays.fill(targets, "/var/lib/app/data.db");
    return targets;
  }

  @Test
  void findsProcessesNearTheirLimitWithoutAnySocket() throws Exception {
    process(300, "client", limits("1024", "4096"), files(900));
    process(301, "small", limits("200", "200"), files(150));
    process(302, "calm", limits("1024", "4096"), files(500));
    process(303, "unlimited", limits("unlimited", "unlimited"), files(900));
    process(304, "few", limits("20", "20"), files(19)); // below the floor: limits not read

    ProcessTable t = ProcessTable.scan(proc, Set.of());

    assertThat(t.processes())
        .containsExactlyInAnyOrder(
            new ProcessFiles(
                300, "client", 900, 1024, 4096, 0, false, proc.resolve("300").toString()),
            new ProcessFiles(
                301, "small", 150, 200, 200, 0, false, proc.resolve("301").toString()));
  }

  @Test
  void parsesUnlimitedAndRejectsMalformedLimits() {
    assertThat(ProcessTable.parseNofile(limits("unlimited", "unlimited"))).containsExactly(-1, -1);
    assertThat(ProcessTable.parseNofile(limits("1024", "4096"))).containsExactly(1024, 4096);
    assertThat(ProcessTable.parseNofile("Max processes 1 1 processes\n")).isNull();
    assertThat(ProcessTable.parseNofile("Max open files  lots  4096  files\n")).isNull();
  }
}
