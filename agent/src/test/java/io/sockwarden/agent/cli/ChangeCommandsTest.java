package io.sockwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.CliRun;
import io.sockwarden.agent.FakeHost;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.core.Platforms;
import io.sockwarden.agent.journal.Checkpoints;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.DurableFiles;
import io.sockwarden.model.FileTrust;
import io.sockwarden.model.HostConventions;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.Platform;
import io.sockwarden.model.Remediation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan/apply/rollback/history against a proc tree of plain files (no namespace needed). */
class ChangeCommandsTest {
  @TempDir Path dir;
  FakeHost host;

  /** apply needs root before it validates anything; as another user these tests prove nothing. */
  static void assumeRoot() {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "SKIPPED: apply needs root, and this test runs as " + System.getProperty("user.name"));
  }

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
    assumeRoot();
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
    assumeRoot();
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
  void withoutPrivilegesChangesAreRefusedWithSeventySevenBeforeAnythingIsWritten() {
    host.sysctl("net.core.somaxconn", "128");
    Platform linux = Platforms.current();
    Platform unprivileged = new UnprivilegedPlatform(linux);
    HostSession session =
        HostSession.open(
            unprivileged,
            new CollectionContext(host.proc, host.root, host.state),
            Clock.systemUTC(),
            Checkpoints.NONE);
    assertThatThrownBy(() -> session.lockForChange("apply"))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("needs root")
        .satisfies(
            e ->
                assertThat(ExitCodes.of(((AgentException) e).failure()))
                    .isEqualTo(ExitCodes.NO_PRIVILEGE));
    assertThat(host.state.resolve("lock")).doesNotExist();
  }

  /** The real platform, except that the process is not privileged. */
  private record UnprivilegedPlatform(Platform real) implements Platform {
    @Override
    public String name() {
      return real.name();
    }

    @Override
    public boolean supportsCurrentHost() {
      return true;
    }

    @Override
    public HostFacts collect(CollectionContext context) {
      return real.collect(context);
    }

    @Override
    public Remediation remediation(CollectionContext context) {
      return real.remediation(context);
    }

    @Override
    public HostConventions conventions() {
      HostConventions c = real.conventions();
      return new HostConventions() {
        @Override
        public Path defaultConfigFile() {
          return c.defaultConfigFile();
        }

        @Override
        public Path defaultRulesDir() {
          return c.defaultRulesDir();
        }

        @Override
        public Path defaultStateDir() {
          return c.defaultStateDir();
        }

        @Override
        public Path defaultCacheDir() {
          return c.defaultCacheDir();
        }

        @Override
        public FileTrust trust() {
          return c.trust();
        }

        @Override
        public DurableFiles files() {
          return c.files();
        }

        @Override
        public boolean privileged() {
          return false;
        }

        @Override
        public String privilegeRequirement() {
          return c.privilegeRequirement();
        }
      };
    }
  }
}
