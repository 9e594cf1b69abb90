package io.sockwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.FileTrust;
import io.sockwarden.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

class CatalogueTest {
  private static final Path SOURCES = Path.of("src/main/resources/io/sockwarden/rules");

  /** The severities README.md's catalogue table documents for each rule id. */
  private static final Map<String, Set<Severity>> DOCUMENTED_SEVERITY =
      Map.ofEntries(
          Map.entry("LNX-SOMAXCONN-LOW", Set.of(Severity.WARNING)),
          Map.entry("LNX-LISTEN-OVERFLOW", Set.of(Severity.WARNING)),
          Map.entry("LNX-SYN-BACKLOG-LOW", Set.of(Severity.WARNING)),
          Map.entry("LNX-SYNCOOKIES-OFF", Set.of(Severity.WARNING)),
          Map.entry("LNX-EPHEMERAL-RANGE-NARROW", Set.of(Severity.WARNING)),
          Map.entry("LNX-EPHEMERAL-PRESSURE", Set.of(Severity.WARNING)),
          Map.entry("LNX-TIME-WAIT-PRESSURE", Set.of(Severity.WARNING)),
          Map.entry("LNX-NOFILE-PROCESS", Set.of(Severity.WARNING)),
          Map.entry("LNX-FILE-MAX", Set.of(Severity.WARNING)),
          Map.entry("LNX-BOOT-DRIFT", Set.of(Severity.WARNING, Severity.INFO)),
          Map.entry("WIN-MAXUSERPORT", Set.of(Severity.WARNING)),
          Map.entry("WIN-DYNAMIC-RANGE-NARROW", Set.of(Severity.WARNING)),
          Map.entry("WIN-TIMEWAIT-DELAY", Set.of(Severity.WARNING)),
          Map.entry("WIN-EPHEMERAL-PRESSURE", Set.of(Severity.WARNING)),
          Map.entry("WIN-TIME-WAIT-PRESSURE", Set.of(Severity.WARNING)),
          Map.entry("WIN-PORT-EXHAUSTION-EVENTS", Set.of(Severity.WARNING)));

  /**
   * The facts each rule's condition needs, by rule name: a fact needed only for a proposed change
   * (tcp_tw_reuse, somaxconn in the overflow advice) is not among them.
   */
  private static final Map<String, List<String>> REQUIRES =
      Map.ofEntries(
          Map.entry("somaxconn below the policy minimum", List.of("net.core.somaxconn")),
          Map.entry("listen queue overflows", List.of("TcpExt.ListenOverflows")),
          Map.entry("listener accept queue full", List.of("sockets")),
          Map.entry(
              "SYN backlog below the policy minimum while SYN cookies are off",
              List.of("net.ipv4.tcp_syncookies", "net.ipv4.tcp_max_syn_backlog")),
          Map.entry("SYN queue drops", List.of("TcpExt.TCPReqQFullDrop")),
          Map.entry("SYN cookies disabled", List.of("net.ipv4.tcp_syncookies")),
          Map.entry(
              "ephemeral port range narrower than policy", List.of("net.ipv4.ip_local_port_range")),
          Map.entry(
              "destination running out of ephemeral ports",
              List.of("net.ipv4.ip_local_port_range", "sockets")),
          Map.entry(
              "TIME_WAIT sockets near tcp_max_tw_buckets",
              List.of("net.ipv4.tcp_max_tw_buckets", "sockets")),
          Map.entry("TIME_WAIT bucket overflow", List.of("TcpExt.TCPTimeWaitOverflow")),
          Map.entry("process near its open-files limit", List.of("processes")),
          Map.entry("socket-heavy server with the default open-files limit", List.of("processes")),
          Map.entry("file handles near fs.file-max", List.of("fs.file-nr")),
          Map.entry("live value differs from the boot configuration", List.of()),
          Map.entry("several configuration files set the same key", List.of()),
          Map.entry("MaxUserPort limits ephemeral ports before Vista", List.of("MaxUserPort")),
          Map.entry(
              "MaxUserPort set below the top of the dynamic port range", List.of("MaxUserPort")),
          Map.entry(
              "IPv4 dynamic port range narrower than policy", List.of("dynamicport.tcp.ipv4")),
          Map.entry(
              "IPv6 dynamic port range narrower than policy", List.of("dynamicport.tcp.ipv6")),
          Map.entry(
              "TcpTimedWaitDelay long while TIME_WAIT holds many ports",
              List.of("TcpTimedWaitDelay", "dynamicport.tcp.ipv4", "sockets")),
          Map.entry(
              "TIME_WAIT connections hold much of the dynamic port range",
              List.of("dynamicport.tcp.ipv4", "sockets")),
          Map.entry(
              "destination running out of IPv4 dynamic ports",
              List.of("dynamicport.tcp.ipv4", "sockets")),
          Map.entry(
              "destination running out of IPv6 dynamic ports",
              List.of("dynamicport.tcp.ipv6", "sockets")),
          Map.entry("Tcpip logged port exhaustion", List.of("events.tcpip")));

  @Test
  void eachRuleHasTheSeverityTheCatalogueDocuments() {
    Map<String, Set<Severity>> actual =
        RuleEngine.builtIn().rules().stream()
            .collect(
                Collectors.groupingBy(
                    RuleInfo::id, Collectors.mapping(RuleInfo::severity, Collectors.toSet())));
    assertThat(actual).isEqualTo(DOCUMENTED_SEVERITY);
  }

  @Test
  void eachRuleRequiresExactlyTheFactsItsConditionNeeds() {
    assertThat(RuleEngine.builtIn().rules())
        .allSatisfy(
            r -> {
              assertThat(REQUIRES).as(r.name()).containsKey(r.name());
              assertThat(r.requires()).as(r.name()).isEqualTo(REQUIRES.get(r.name()));
            });
    assertThat(RuleEngine.builtIn().rules()).hasSameSizeAs(REQUIRES.keySet());
  }

  @Test
  void everyRuleDeclaresRequiresAndThePlatformOfItsFile() throws Exception {
    for (Path file : drlFiles()) {
      AdministratorRules compiled = AdministratorRules.compile(List.of(file), FileTrust.ANY);
      for (List<KiePackage> packages : compiled.packagesByFile().values()) {
        for (KiePackage pkg : packages) {
          for (Rule rule : pkg.getRules()) {
            assertThat(rule.getMetaData()).as(rule.getName()).containsKey("requires");
            assertThat(RuleMetadata.value(rule.getMetaData(), "platform"))
                .as(rule.getName())
                .isEqualTo(file.getFileName().toString().startsWith("win-") ? "windows" : "linux");
          }
        }
      }
    }
    assertThat(RuleEngine.builtIn().rules())
        .allSatisfy(
            r ->
                assertThat(r.platform())
                    .isEqualTo(r.id().startsWith("WIN-") ? "windows" : "linux"));
  }

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
            "LNX-NOFILE-PROCESS",
            "WIN-MAXUSERPORT",
            "WIN-DYNAMIC-RANGE-NARROW",
            "WIN-TIMEWAIT-DELAY",
            "WIN-EPHEMERAL-PRESSURE",
            "WIN-TIME-WAIT-PRESSURE",
            "WIN-PORT-EXHAUSTION-EVENTS");
  }

  /** Each DRL file compiles on its own with the classic compiler, and no id spans two files. */
  @Test
  void eachFileCompilesAloneAndOwnsItsIds() throws Exception {
    List<Path> files = drlFiles();
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

  private static List<Path> drlFiles() throws IOException {
    try (Stream<Path> s = Files.list(SOURCES)) {
      return s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
    }
  }
}
