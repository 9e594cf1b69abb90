package io.sockwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/ansible: every playbook passes ansible-playbook's syntax check, and the tree ansible-lint.
 */
class AnsibleRoleTest {
  private final Path ansible = FleetTools.repo().resolve("deploy/ansible");

  @Test
  void everyPlaybookPassesTheSyntaxCheck() throws Exception {
    Path playbook = FleetTools.tool("ansible-playbook", "ansible");
    List<String> cmd = new ArrayList<>(List.of(playbook.toString(), "--syntax-check"));
    try (Stream<Path> files = Files.list(ansible.resolve("playbooks"))) {
      files.filter(f -> f.toString().endsWith(".yml")).sorted().forEach(f -> cmd.add(f.toString()));
    }
    assertThat(cmd).hasSizeGreaterThanOrEqualTo(5);
    FleetTools.Result r = FleetTools.run(ansible, 120, cmd);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void ansibleLintPassesWithTheProductionProfile() throws Exception {
    Path lint = FleetTools.tool("ansible-lint", "ansible-lint");
    FleetTools.Result r =
        FleetTools.run(
            ansible,
            300,
            List.of(lint.toString(), "--offline", "--profile", "production", "playbooks", "roles"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    // "Passed with production profile: 0 failure(s), 0 warning(s) on 15 files." -- not a vacuous
    // pass over a path it did not read.
    assertThat(r.output()).containsPattern("Passed with production profile: .* on 1[0-9] files");
  }
}
