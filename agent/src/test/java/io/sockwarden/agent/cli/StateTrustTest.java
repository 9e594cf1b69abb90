package io.sockwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sockwarden.agent.CliRun;
import io.sockwarden.agent.FakeHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state directory and journal cannot be turned against the root the agent runs as. */
class StateTrustTest {
  @TempDir Path dir;
  FakeHost host;

  @BeforeEach
  void setUp() throws Exception {
    host = new FakeHost(dir);
    Files.createDirectories(host.state.resolve("journal"));
    Files.setPosixFilePermissions(host.state, PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void aStateDirectoryWritableByOthersIsRefused() throws Exception {
    Files.setPosixFilePermissions(host.state, PosixFilePermissions.fromString("rwxrwxrwx"));
    CliRun run = CliRun.of(host.args("scan"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains(host.state + ": refusing to use the state directory")
        .contains("writable by group or others");
  }

  @Test
  void aJournalDirectoryWritableByOthersIsRefused() throws Exception {
    Files.setPosixFilePermissions(
        host.state.resolve("journal"), PosixFilePermissions.fromString("rwxrwx---"));
    CliRun run = CliRun.of(host.hostArgs("history"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("journal: refusing to use the state directory");
  }

  @Test
  void aSymbolicLinkAsStateDirectoryIsRefused() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("state-link"), host.state);
    CliRun run =
        CliRun.of(
            "history",
            "--proc-root",
            host.proc.toString(),
            "--root",
            host.root.toString(),
            "--state-dir",
            link.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("symbolic link");
  }

  @Test
  void aPlantedJournalEntryCannotMakeRootWriteAnyOtherFile() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "SKIPPED: recovery restores only as root, and this test runs as "
            + System.getProperty("user.name"));
    Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
    Path procVictim = host.proc.resolve("victim");
    Files.writeString(procVictim, "kernel\n");
    String pwned = Base64.getEncoder().encodeToString("pwned\n".getBytes(StandardCharsets.UTF_8));
    String entry =
        "{\"id\":\"20260101T000000000Z-0001\",\"createdAt\":\"2026-01-01T00:00:00Z\","
            + "\"user\":\"root\",\"operation\":\"apply\",\"changes\":[],"
            + "\"items\":["
            + item("file:" + victim, pwned)
            + ","
            + item("live:" + host.proc.resolve("sys/../victim"), pwned)
            + ","
            + item("live:" + dir.resolve("elsewhere/sys/net/core/somaxconn"), pwned)
            + "],\"state\":\"IN_PROGRESS\",\"log\":[]}";
    Files.writeString(host.state.resolve("journal/20260101T000000000Z-0001.json"), entry);

    CliRun run = CliRun.of(host.hostArgs("history"));

    assertThat(Files.readString(victim)).isEqualTo("precious\n");
    assertThat(Files.readString(procVictim)).isEqualTo("kernel\n");
    assertThat(dir.resolve("elsewhere")).doesNotExist();
    assertThat(run.err())
        .contains("could not restore")
        .contains("not the agent's own sysctl file")
        .contains("not a kernel parameter under");
  }

  private static String item(String resource, String original) {
    return "{\"resource\":\""
        + resource
        + "\",\"description\":\"x\",\"original\":\""
        + original
        + "\",\"target\":null}";
  }
}
