package io.sockwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.FileTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CatalogueTest {
  private static final Path SOURCES = Path.of("src/main/resources/io/sockwarden/rules");

  @Test
  void everyBuiltInRuleHasAnIdAndSeverity() {
    assertThat(RuleEngine.builtIn().rules())
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.id()).matches("LNX-[A-Z0-9-]+|WIN-[A-Z0-9-]+");
              assertThat(r.origin()).isEqualTo("built-in");
            });
  }

  @Test
  void theCatalogueOfThisReleaseIsComplete() {
    assertThat(RuleEngine.builtIn().rules())
        .extracting(RuleInfo::id)
        .contains(
            "LNX-SOMAXCONN-LOW",
            "LNX-SYN-BACKLOG-LOW",
            "LNX-SYNCOOKIES-OFF",
            "LNX-EPHEMERAL-RANGE-NARROW",
            "LNX-FILE-MAX",
            "LNX-BOOT-DRIFT",
            "LNX-LISTEN-OVERFLOW",
            "LNX-EPHEMERAL-PRESSURE",
            "LNX-TIME-WAIT-PRESSURE",
            "LNX-NOFILE-PROCESS");
  }

  /** Each DRL file compiles on its own with the classic compiler, and no id spans two files. */
  @Test
  void eachFileCompilesAloneAndOwnsItsIds() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(SOURCES)) {
      files = s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    Map<String, Path> owner = new HashMap<>();
    for (Path file : files) {
      AdministratorRules compiled = AdministratorRules.compile(List.of(file), FileTrust.ANY);
      assertThat(compiled.rules()).as(file.toString()).isNotEmpty();
      for (RuleInfo rule : compiled.rules()) {
        Path previous = owner.putIfAbsent(rule.id(), file);
        assertThat(previous == null || previous.equals(file))
            .as(rule.id() + " in " + file + " and " + previous)
            .isTrue();
      }
    }
  }

  @Test
  void ruleNamesAreUnique() throws IOException {
    List<String> names = RuleEngine.builtIn().rules().stream().map(RuleInfo::name).toList();
    assertThat(names).doesNotHaveDuplicates();
  }
}
