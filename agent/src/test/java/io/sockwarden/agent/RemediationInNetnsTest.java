package io.sockwarden.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.testing.Netns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan, apply, rollback and history for real: the CLI runs as separate processes inside a network
 * namespace whose kernel parameters it changes, with a temporary --root and --state-dir. Nothing on
 * the host changes.
 */
@EnabledOnOs(OS.LINUX)
class RemediationInNetnsTest {
  static final String SOMAXCONN = "/proc/sys/net/core/somaxconn";
  static final String COOKIES = "/proc/sys/net/ipv4/tcp_syncookies";

  @TempDir Path dir;
  Path root;
  Path owned;
  String opts;
  String stateOpts;

  @BeforeEach
  void setUp() throws Exception {
    Netns.assumeAvailable();
    root = Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(root.resolve("etc/sysctl.d"));
    owned = root.resolve("etc/sysctl.d/90-sockwarden.conf");
    Path rules = Files.createDirectories(dir.resolve("rules.d"));
    Path config = Files.writeString(dir.resolve("agent.yaml"), "\n");
    stateOpts = " --root " + q(root) + " --state-dir " + q(dir.resolve("state"));
    opts = stateOpts + " --config " + q(config) + " --rules-dir " + q(rules);
  }

  static String q(Object o) {
    return Netns.quote(o.toString());
  }

  /** The agent command line with {@code words} (already quoted where needed) appended. */
  static String agent(String words) {
    return AgentProcesses.agentCommand() + " " + words;
  }

  /** Prints the two parameters as {@code label somaxconn cookies}. */
  static String show(String label) {
    return "echo " + label + " $(cat " + SOMAXCONN + ") $(cat " + COOKIES + ")\n";
  }

  static final String BAD = "echo 128 > " + SOMAXCONN + "\necho 0 > " + COOKIES + "\n";

  @Test
  void applyThenRollbackRestoresLiveValuesAndFileBytes() throws Exception {
    byte[] mine =
        "# kept by hand\nnet.ipv4.tcp_fin_timeout = 30\n".getBytes(StandardCharsets.UTF_8);
    Files.write(owned, mine);
    Netns.Result r =
        Netns.run(
            BAD
                + "set +e\n"
                + agent("plan" + opts)
                + "\necho plan=$?\n"
                + agent("apply --yes" + opts)
                + "\necho apply=$?\n"
                + show("applied")
                + "cp "
                + q(owned)
                + " "
                + q(dir.resolve("applied.conf"))
                + "\n"
                + agent("apply --yes" + opts)
                + "\necho again=$?\n"
                + agent("rollback --last" + stateOpts)
                + "\necho rollback=$?\n"
                + show("restored")
                + agent("rollback --last" + stateOpts)
                + "\necho again-rollback=$?\n"
                + agent("history --format json" + stateOpts)
                + "\n",
            180);
    assertThat(r.out())
        .as(r.err())
        .contains("plan=0", "apply=0", "applied 4096 1", "again=0", "rollback=0")
        .contains("restored 128 0", "again-rollback=0")
        .contains("already rolled back")
        .contains("\"state\" : \"rolled back\"");
    assertThat(r.out()).contains("live        128 -> 4096").contains("at boot");
    String applied = Files.readString(dir.resolve("applied.conf"));
    assertThat(applied)
        .contains("# kept by hand")
        .contains("net.ipv4.tcp_fin_timeout = 30")
        .contains("net.core.somaxconn = 4096")
        .contains("net.ipv4.tcp_syncookies = 1");
    assertThat(Files.readAllBytes(owned)).isEqualTo(mine);
  }

  @Test
  void aFileTheAgentCreatedIsRemovedOnRollback() throws Exception {
    Netns.Result r =
        Netns.run(
            BAD
                + agent("apply --yes" + opts)
                + "\ntest -f "
                + q(owned)
                + " && echo created\n"
                + agent("rollback --last" + stateOpts)
                + "\ntest -e "
                + q(owned)
                + " || echo removed\n",
            120);
    assertThat(r.out()).as(r.err()).contains("created", "removed");
  }

  @Test
  void driftIsRefusedUnlessForced() throws Exception {
    Netns.Result r =
        Netns.run(
            BAD
                + agent("apply --yes" + opts)
                + "\necho 2048 > "
                + SOMAXCONN
                + "\nset +e\n"
                + agent("rollback --last" + stateOpts)
                + "\necho refused=$?\n"
                + show("after-refusal")
                + agent("rollback --last --force" + stateOpts)
                + "\necho forced=$?\n"
                + show("after-force"),
            120);
    assertThat(r.out())
        .contains("refused=1", "after-refusal 2048 1", "forced=0", "after-force 128 0");
    assertThat(r.err()).contains("drift").contains("is now 2048").contains("--force");
  }

  @Test
  void aLaterFileThatWouldOverrideOursIsRefusedButLiveOnlyWorks() throws Exception {
    Files.writeString(root.resolve("etc/sysctl.d/95-late.conf"), "net.core.somaxconn = 1024\n");
    Netns.Result r =
        Netns.run(
            BAD
                + "set +e\n"
                + agent("apply --yes" + opts)
                + "\necho persistent=$?\n"
                + show("untouched")
                + agent("apply --yes --live-only" + opts)
                + "\necho live-only=$?\n"
                + show("live"),
            120);
    assertThat(r.out()).contains("persistent=2", "untouched 128 0", "live-only=0", "live 4096 1");
    assertThat(r.err()).contains("95-late.conf:1").contains("--live-only");
    assertThat(owned).doesNotExist();
  }

  @Test
  void aSymlinkAtTheOwnedPathIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
    Path elsewhere = Files.writeString(dir.resolve("elsewhere.conf"), "precious\n");
    Files.createSymbolicLink(owned, elsewhere);
    Netns.Result r =
        Netns.run(
            BAD + "set +e\n" + agent("apply --yes" + opts) + "\necho rc=$?\n" + show("values"),
            120);
    assertThat(r.out()).contains("rc=1", "values 128 0");
    assertThat(r.err()).contains("symbolic link");
    assertThat(Files.readString(elsewhere)).isEqualTo("precious\n");
    assertThat(Files.isSymbolicLink(owned)).isTrue();
  }

  @Test
  void aReadOnlyProcSysIsReportedAndNothingIsHalfApplied() throws Exception {
    Netns.Result r =
        Netns.run(
            BAD
                + "exec unshare -m sh -ec "
                + Netns.quote(
                    "mount --bind /proc/sys /proc/sys\n"
                        + "mount -o remount,bind,ro /proc/sys\n"
                        + "set +e\n"
                        + agent("apply --yes" + opts)
                        + "\necho rc=$?\n"
                        + show("values")),
            120);
    assertThat(r.out()).as(r.err()).contains("rc=1", "values 128 0");
    assertThat(r.err()).contains("read-only /proc/sys");
    assertThat(owned).doesNotExist();
  }

  @Test
  void aWiderEphemeralRangeReservesListenerPortsInTheSameTransaction() throws Exception {
    Path ready = dir.resolve("ready");
    Netns.Result r =
        Netns.run(
            AgentProcesses.withLoad(
                "echo '40000 40999' > /proc/sys/net/ipv4/ip_local_port_range",
                new String[] {"overflow", "35000", "8", "0"},
                ready.toString(),
                agent("apply --yes --only LNX-EPHEMERAL-RANGE-NARROW" + opts)
                    + " && echo range $(cat /proc/sys/net/ipv4/ip_local_port_range)"
                    + " reserved $(cat /proc/sys/net/ipv4/ip_local_reserved_ports)"
                    + " && "
                    + agent("rollback --last" + stateOpts)
                    + " && echo back $(cat /proc/sys/net/ipv4/ip_local_port_range)"
                    + " reserved=$(cat /proc/sys/net/ipv4/ip_local_reserved_ports)"),
            180);
    assertThat(r.out())
        .as(r.err())
        .contains("range 32768 60999 reserved 35000")
        .contains("back 40000 40999 reserved=")
        .contains("net.ipv4.ip_local_reserved_ports:");
    assertThat(r.out().lines().filter(l -> l.startsWith("back")).findFirst().orElseThrow())
        .endsWith("reserved=");
  }

  @Test
  void aSecondAgentGetsExitOneNamingTheLockHolder() throws Exception {
    Path pause = dir.resolve("pause");
    Netns.Result r =
        Netns.run(
            BAD
                + "SOCKWARDEN_TEST_PAUSE_AT=journaled SOCKWARDEN_TEST_PAUSE_FILE="
                + q(pause)
                + " "
                + agent("apply --yes" + opts)
                + " >/dev/null 2>&1 & first=$!\n"
                + "i=0; while [ ! -s "
                + q(pause)
                + " ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done\n"
                + "set +e\n"
                + agent("apply --yes" + opts)
                + "\necho second=$?\n"
                + "kill -9 $first; wait $first\n"
                + agent("history" + stateOpts)
                + "\n"
                + show("recovered"),
            180);
    String holder = Files.readString(pause).strip();
    assertThat(r.out()).contains("second=1", "recovered 128 0");
    assertThat(r.err()).contains("another sockwarden is changing this host (pid " + holder);
    assertThat(r.err()).contains("recovery: Transaction");
  }

  /** Kills apply with SIGKILL at each step; the next command restores exactly the originals. */
  @Test
  void killedAtAnyStepTheNextCommandRestoresTheOriginals() throws Exception {
    byte[] mine = "net.ipv4.tcp_fin_timeout = 30\n".getBytes(StandardCharsets.UTF_8);
    for (String point :
        List.of("journaled", "written-1", "written-2", "written-3", "before-verify", "marked")) {
      Files.write(owned, mine);
      Path pause = dir.resolve("pause-" + point);
      Netns.Result r =
          Netns.run(
              BAD
                  + "SOCKWARDEN_TEST_PAUSE_AT="
                  + point
                  + " SOCKWARDEN_TEST_PAUSE_FILE="
                  + q(pause)
                  + " "
                  + agent("apply --yes" + opts)
                  + " >/dev/null 2>&1 & pid=$!\n"
                  + "i=0; while [ ! -s "
                  + q(pause)
                  + " ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done\n"
                  + "[ -s "
                  + q(pause)
                  + " ] || { echo 'never paused'; kill -9 $pid; exit 9; }\n"
                  + "kill -9 $pid; set +e; wait $pid; echo killed=$?\n"
                  + agent("history --format json" + stateOpts)
                  + "\n"
                  + show("after"),
              120);
      assertThat(r.out()).as(point + ": " + r.err()).contains("killed=137");
      if (point.equals("marked")) {
        // The transaction had been verified and marked: it stands, as applied.
        assertThat(r.out()).as(point).contains("after 4096 1").contains("\"state\" : \"applied\"");
        assertThat(Files.readString(owned)).contains("net.core.somaxconn = 4096");
      } else {
        assertThat(r.out()).as(point).contains("after 128 0");
        assertThat(r.out()).as(point).contains("interrupted restored");
        assertThat(r.err()).as(point).contains("recovery: Transaction");
        assertThat(Files.readAllBytes(owned)).as(point).isEqualTo(mine);
      }
      deleteState();
    }
  }

  @Test
  void killedDuringRollbackTheTransactionStaysAppliedAndCanBeRolledBackAgain() throws Exception {
    Path pause = dir.resolve("pause");
    Netns.Result r =
        Netns.run(
            BAD
                + agent("apply --yes" + opts)
                + "\nSOCKWARDEN_TEST_PAUSE_AT=written-2 SOCKWARDEN_TEST_PAUSE_FILE="
                + q(pause)
                + " "
                + agent("rollback --last" + stateOpts)
                + " >/dev/null 2>&1 & pid=$!\n"
                + "i=0; while [ ! -s "
                + q(pause)
                + " ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done\n"
                + "kill -9 $pid; set +e; wait $pid\n"
                + agent("history" + stateOpts)
                + "\n"
                + show("recovered")
                + agent("rollback --last" + stateOpts)
                + "\necho rollback=$?\n"
                + show("rolled-back"),
            180);
    assertThat(r.out()).as(r.err()).contains("recovered 4096 1", "rollback=0", "rolled-back 128 0");
    assertThat(owned).doesNotExist();
  }

  private void deleteState() throws Exception {
    Path state = dir.resolve("state");
    if (Files.exists(state)) {
      try (var walk = Files.walk(state)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
