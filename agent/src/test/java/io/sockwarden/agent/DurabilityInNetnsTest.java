package io.sockwarden.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockwarden.testing.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal under a full disk and a read-only state directory, for real: the CLI runs inside a
 * network namespace and a mount namespace whose state directory is a small tmpfs the test fills.
 */
@EnabledOnOs(OS.LINUX)
class DurabilityInNetnsTest {
  static final String SOMAXCONN = "/proc/sys/net/core/somaxconn";
  static final String COOKIES = "/proc/sys/net/ipv4/tcp_syncookies";

  @TempDir Path dir;
  Path state;
  String opts;
  String stateOpts;

  @BeforeEach
  void setUp() throws Exception {
    Netns.assumeAvailable();
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(root.resolve("etc/sysctl.d"));
    Path rules = Files.createDirectories(dir.resolve("rules.d"));
    Path config = Files.writeString(dir.resolve("agent.yaml"), "\n");
    state = Files.createDirectories(dir.resolve("state"));
    stateOpts = " --root " + q(root) + " --state-dir " + q(state);
    opts = stateOpts + " --config " + q(config) + " --rules-dir " + q(rules);
  }

  static String q(Object o) {
    return Netns.quote(o.toString());
  }

  static String agent(String words) {
    return AgentProcesses.agentCommand() + " " + words;
  }

  @Test
  void aFullDiskLeavesTheJournalAndTheHostAsTheyWere() throws Exception {
    Path readOnly = Files.createDirectories(dir.resolve("ro"));
    String roOpts = opts.replace(q(state), q(readOnly));
    Path history = dir.resolve("history.json");
    String inner =
        "set +e\n"
            + "mount -t tmpfs -o size=512k,mode=0700 sockwarden-test "
            + q(state)
            + " || exit 97\n"
            + agent("apply --yes --only LNX-SOMAXCONN-LOW" + opts)
            + "\necho first=$? somaxconn=$(cat "
            + SOMAXCONN
            + ")\n"
            + "dd if=/dev/zero of="
            + q(state.resolve("fill"))
            + " bs=4096 2>/dev/null\n"
            + agent("apply --yes --only LNX-SYNCOOKIES-OFF" + opts)
            + "\necho second=$? cookies=$(cat "
            + COOKIES
            + ")\n"
            + agent("rollback --last" + stateOpts)
            + "\necho rollback-full=$? somaxconn=$(cat "
            + SOMAXCONN
            + ")\n"
            + agent("history --format json" + stateOpts)
            + " > "
            + q(history)
            + "\necho history=$?\n"
            + "echo leftovers=$(ls -A "
            + q(state.resolve("journal"))
            + " | grep -c tmp)\n"
            + "rm "
            + q(state.resolve("fill"))
            + "\n"
            + agent("rollback --last" + stateOpts)
            + "\necho rollback=$? somaxconn=$(cat "
            + SOMAXCONN
            + ")\n"
            + "mount -t tmpfs -o ro,mode=0700 sockwarden-ro "
            + q(readOnly)
            + " || exit 98\n"
            + agent("apply --yes --only LNX-SYNCOOKIES-OFF" + roOpts)
            + "\necho readonly=$? cookies=$(cat "
            + COOKIES
            + ")\n";
    Path script = Files.writeString(dir.resolve("inner.sh"), inner);
    Netns.Result r =
        Netns.run(
            "echo 128 > "
                + SOMAXCONN
                + "\necho 0 > "
                + COOKIES
                + "\nunshare -m sh "
                + q(script)
                + "\n",
            240);

    assertThat(r.out())
        .as(r.err())
        .contains("first=0 somaxconn=4096")
        .contains("second=1 cookies=0")
        .contains("rollback-full=1 somaxconn=4096")
        .contains("history=0")
        .contains("leftovers=0")
        .contains("rollback=0 somaxconn=128")
        .contains("readonly=1 cookies=0");
    assertThat(r.err())
        .contains("cannot write the journal")
        .contains("nothing was changed")
        .contains("read-only file system")
        .doesNotContain("another sockwarden");
    JsonNode doc = new ObjectMapper().readTree(history.toFile());
    assertThat(doc.get("transactions")).hasSize(1);
    assertThat(doc.get("transactions").get(0).get("state").asText()).isEqualTo("applied");
  }
}
