package io.sockwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role's Linux tasks for real, against localhost with {@code -c local}: the build's .deb is
 * installed, agent.yaml and a rule file are laid down, {@code sockwarden scan} runs, a second run
 * changes nothing, {@code remediate.yml} plans, and {@code remove.yml} purges it again.
 *
 * <p>All of it happens in a private mount namespace whose root is an overlay of this machine's root
 * with a throw-away upper layer (src/test/sh/ansible-local-run.sh): the real root is never written.
 * Needs root; skipped loudly otherwise, or failed with SOCKWARDEN_REQUIRE_FLEET_TOOLS=1.
 */
@EnabledOnOs(OS.LINUX)
class AnsibleLocalRunNsTest {
  @TempDir Path dir;

  @Test
  void theRoleInstallsIdempotentlyPlansAndPurgesTheDeb() throws Exception {
    FleetTools.tool("ansible-playbook", "ansible");
    FleetTools.tool("dpkg", "dpkg");
    if (!"root".equals(System.getProperty("user.name"))) {
      String why = "the local Ansible run needs root (mount, chroot)";
      if ("1".equals(System.getenv("SOCKWARDEN_REQUIRE_FLEET_TOOLS"))) {
        fail(why + ", and SOCKWARDEN_REQUIRE_FLEET_TOOLS=1 requires it");
      }
      System.err.println("SKIPPED: " + why);
      assumeTrue(false, "SKIPPED: " + why);
    }
    Path repo = FleetTools.repo();
    Path target = repo.resolve("installer/target");
    Path deb;
    try (Stream<Path> files = Files.list(target)) {
      deb =
          files
              .filter(f -> f.getFileName().toString().matches("sockwarden_.*_all\\.deb"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no sockwarden_*_all.deb in " + target));
    }
    String name = deb.getFileName().toString();
    String version = name.substring("sockwarden_".length(), name.length() - "_all.deb".length());

    long t0 = System.nanoTime();
    FleetTools.Result r =
        FleetTools.run(
            dir,
            600,
            List.of(
                "sh",
                repo.resolve("deploy-tests/src/test/sh/ansible-local-run.sh").toString(),
                repo.toString(),
                target.toString(),
                version,
                dir.resolve("overlay").toString()));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("STEP install ok", "STEP idempotent ok", "STEP plan ok", "STEP remove ok");
    System.out.printf(
        "ansible local run of %s: %d s%n%s%n",
        name, (System.nanoTime() - t0) / 1_000_000_000, r.output());
  }
}
