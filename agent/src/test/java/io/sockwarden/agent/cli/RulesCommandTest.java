package io.sockwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.agent.CliRun;
import io.sockwarden.agent.FakeHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {
  @TempDir Path dir;

  private static final String GOOD =
      String.join(
          "\n",
          "package local;",
          "import io.sockwarden.model.*;",
          "rule \"fin timeout\" @id(\"SITE-FIN\") @severity(\"info\")",
          "when $s : Sysctl(key == \"net.ipv4.tcp_fin_timeout\") then",
          "  insert(new FindingDraft(\"fin\", \"x\").evidence($s));",
          "end",
          "");

  @Test
  void listShowsBuiltInAndAdministratorRules() throws Exception {
    FakeHost host = new FakeHost(dir);
    Files.writeString(host.rules.resolve("site.drl"), GOOD);
    CliRun run =
        CliRun.of(
            "rules",
            "list",
            "--config",
            host.config.toString(),
            "--rules-dir",
            host.rules.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("LNX-SOMAXCONN-LOW")
        .contains("built-in")
        .contains("SITE-FIN")
        .contains("site.drl");
  }

  @Test
  void validateAcceptsGoodFiles() throws Exception {
    Path rules = Files.createDirectory(dir.resolve("rules"));
    Files.writeString(rules.resolve("site.drl"), GOOD);
    CliRun run = CliRun.of("rules", "validate", rules.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("OK: 1 rules in 1 files");
  }

  @Test
  void validateReportsEveryBrokenFileWithItsLine() throws Exception {
    Path rules = Files.createDirectory(dir.resolve("rules"));
    Files.writeString(rules.resolve("a-good.drl"), GOOD);
    Files.writeString(
        rules.resolve("b-syntax.drl"),
        "package local;\n\nrule \"r\" @id(\"SITE-B\") @severity(\"info\")\nwhen\n  Sysctl(key ==)\nthen\nend\n");
    Files.writeString(
        rules.resolve("c-nometa.drl"),
        "package local;\nimport io.sockwarden.model.*;\nrule \"no id\"\nwhen Sysctl() then end\n");
    Files.writeString(
        rules.resolve("d-clash.drl"),
        "package other;\nimport io.sockwarden.model.*;\n"
            + "rule \"dup\" @id(\"SITE-FIN\") @severity(\"info\") when Sysctl() then end\n");
    CliRun run = CliRun.of("rules", "validate", rules.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains(rules.resolve("b-syntax.drl") + ":5")
        .contains("c-nometa.drl:3: rule 'no id' needs @id")
        .contains("SITE-FIN is also used in");
    assertThat(run.err()).doesNotContain("a-good.drl:");
  }

  @Test
  void validateRejectsABuiltInIdReusedByAnAdministrator() throws Exception {
    Path rules = Files.createDirectory(dir.resolve("rules"));
    Files.writeString(
        rules.resolve("x.drl"),
        "package x;\nimport io.sockwarden.model.*;\n"
            + "rule \"mine\" @id(\"LNX-SOMAXCONN-LOW\") @severity(\"info\") when Sysctl() then end\n");
    CliRun run = CliRun.of("rules", "validate", rules.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("LNX-SOMAXCONN-LOW");
  }

  @Test
  void validateOfAMissingPathIsAUsageError() {
    CliRun run = CliRun.of("rules", "validate", dir.resolve("nope").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no such file or directory");
  }
}
