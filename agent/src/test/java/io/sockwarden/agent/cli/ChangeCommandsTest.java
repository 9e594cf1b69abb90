package io.sockwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.CliRun;
import io.sockwarden.agent.ExitCodes;
import io.sockwarden.agent.FakeHost;
import io.sockwarden.model.ApplyMode;
import io.sockwarden.model.Change;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.PreparedChanges;
import io.sockwarden.model.Remediation;
import io.sockwarden.model.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan/apply/rollback/history against a proc tree of plain files (no namespace needed). */
class ChangeCommandsTest {
  @TempDir Path dir;
  FakeHost host;

  @BeforeEach
  void setUp() {
    host = new FakeHost(dir);
  }

  @Test
  void planShowsBeforeAndAfterAndChangesNothing() throws Exception {
    host.sysctl("net.core.somaxconn", "128");
    CliRun run = CliRun.of(host.args("plan"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("LNX-SOMAXCONN-LOW")
        .contains("live        128 -> 4096")
        .contains("90-sockwarden.conf (created)");
    assertThat(Files.readString(host.proc.resolve("sys/net/core/somaxconn"))).isEqualTo("128\n");
    assertThat(host.root.resolve("etc/sysctl.d/90-sockwarden.conf")).doesNotExist();
  }

  @Test
  void applyWithoutYesOffATerminalIsRefused() {
    host.sysctl("net.core.somaxconn", "128");
    CliRun run = CliRun.of(host.args("apply"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--yes");
  }

  @Test
  void onlySelectsRulesAndRejectsUnknownIds() throws Exception {
    host.sysctl("net.core.somaxconn", "128").sysctl("net.ipv4.tcp_syncookies", "0");
    CliRun run = CliRun.of(host.args("apply", "--yes", "--only", "LNX-SYNCOOKIES-OFF"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(host.proc.resolve("sys/net/ipv4/tcp_syncookies"))).isEqualTo("1\n");
    assertThat(Files.readString(host.proc.resolve("sys/net/core/somaxconn"))).isEqualTo("128\n");
    CliRun bad = CliRun.of(host.args("plan", "--only", "LNX-NOPE"));
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("LNX-NOPE");
  }

  @Test
  void anAdministratorsRuleProposalGoesThroughTheSameValidation() throws Exception {
    host.write(
        host.rules.resolve("bad.drl"),
        String.join(
            "\n",
            "package site;",
            "import io.sockwarden.model.*;",
            "rule \"cookies to nine\" @id(\"SITE-COOKIES\") @severity(\"warning\")",
            "when $s : Sysctl(key == \"net.ipv4.tcp_syncookies\") then",
            "  insert(new FindingDraft(\"x\", \"y\").change(new SysctlChange($s.key(), $s.value(), \"9\")));",
            "end",
            ""));
    CliRun run = CliRun.of(host.args("apply", "--yes"));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("tcp_syncookies: 9 is out of the kernel's range 0..2");
    assertThat(Files.readString(host.proc.resolve("sys/net/ipv4/tcp_syncookies"))).isEqualTo("1\n");
    assertThat(host.state.resolve("journal")).doesNotExist();
  }

  @Test
  void rollbackNeedsAnIdOrLast() {
    assertThat(CliRun.of(host.hostArgs("rollback")).exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void historyListsNothingOnAFreshHost() {
    CliRun run = CliRun.of(host.hostArgs("history"));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("No transactions");
  }

  @Test
  void withoutPrivilegesChangesAreRefusedWithSeventySeven() {
    Remediation unprivileged =
        new Remediation() {
          @Override
          public PreparedChanges prepare(List<Change> c, HostFacts f, ApplyMode m) {
            throw new AssertionError("not reached");
          }

          @Override
          public List<String> verify(PreparedChanges p) {
            return List.of();
          }

          @Override
          public Resource resource(String id) {
            throw new IllegalArgumentException(id);
          }

          @Override
          public boolean privileged() {
            return false;
          }
        };
    assertThatThrownBy(() -> HostSession.requirePrivileged(unprivileged))
        .isInstanceOf(AgentException.class)
        .satisfies(
            e -> assertThat(((AgentException) e).exitCode()).isEqualTo(ExitCodes.NO_PRIVILEGE))
        .hasMessageContaining("needs root");
  }
}
