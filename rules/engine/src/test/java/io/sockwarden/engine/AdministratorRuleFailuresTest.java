package io.sockwarden.engine;

import static io.sockwarden.engine.RuleEngineTestSupport.HOST;
import static io.sockwarden.engine.RuleEngineTestSupport.sysctl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.model.FileTrust;
import io.sockwarden.model.Finding;
import io.sockwarden.model.Policy;
import io.sockwarden.model.UnevaluatedRule;
import io.sockwarden.model.UnevaluatedRule.Cause;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An administrator's rule that fails at run time is reported; the other rules still report. */
class AdministratorRuleFailuresTest {
  @TempDir Path dir;

  static final List<Object> FACTS =
      List.of(
          Policy.DEFAULTS,
          HOST,
          sysctl("net.core.somaxconn", "128"),
          sysctl("net.ipv4.ip_local_port_range", "32768 60999"));

  private static final String HEADER = "package site;\nimport io.sockwarden.model.*;\n\n";

  private static final String GOOD_RULE =
      """
      rule "proxies want tw_reuse"
        @id("SITE-GOOD")
        @severity("info")
      when
        $s : Sysctl(key == "net.core.somaxconn")
      then
        insert(new FindingDraft("site rule saw somaxconn " + $s.value(), "Still here."));
      end
      """;

  RuleEngine engine(String... rules) throws Exception {
    Path file = Files.writeString(dir.resolve("site.drl"), HEADER + String.join("\n", rules));
    return RuleEngine.withAdministratorRules(
        AdministratorRules.compile(List.of(file), FileTrust.ANY));
  }

  static void assertBuiltInFindingSurvives(Evaluation e) {
    assertThat(e.findings()).extracting(Finding::ruleId).contains("LNX-SOMAXCONN-LOW");
  }

  UnevaluatedRule failed(Evaluation e, String ruleName) {
    return e.unevaluated().stream()
        .filter(u -> u.ruleName().equals(ruleName))
        .findFirst()
        .orElseThrow(() -> new AssertionError(ruleName + " not reported in " + e.unevaluated()));
  }

  @Test
  void aThrowingConsequenceIsReportedAndTheOtherRulesStillFire() throws Exception {
    RuleEngine engine =
        engine(
            """
            rule "throws"
              @id("SITE-THROWS")
              @severity("warning")
            when
              Sysctl(key == "net.core.somaxconn")
            then
              throw new IllegalStateException("boom");
            end
            """,
            GOOD_RULE);
    Evaluation e = engine.evaluate(FACTS, List.of());
    assertBuiltInFindingSurvives(e);
    assertThat(e.findings()).extracting(Finding::ruleId).contains("SITE-GOOD");
    UnevaluatedRule u = failed(e, "throws");
    assertThat(u.ruleId()).isEqualTo("SITE-THROWS");
    assertThat(u.origin()).isEqualTo(dir.resolve("site.drl").toString());
    assertThat(u.cause()).isEqualTo(Cause.FAILED);
    assertThat(u.reason()).isEqualTo("threw java.lang.IllegalStateException: boom");
    assertThat(e.incomplete()).isTrue();
  }

  @Test
  void aThrowingConstraintIsReportedAndTheOtherRulesOfItsFileStillFire() throws Exception {
    RuleEngine engine =
        engine(
            """
            rule "two fields as one number"
              @id("SITE-RANGE")
              @severity("warning")
            when
              Sysctl(key == "net.ipv4.ip_local_port_range", asLong > 5)
            then
              insert(new FindingDraft("never", "never"));
            end
            """,
            GOOD_RULE);
    Evaluation e = engine.evaluate(FACTS, List.of());
    assertBuiltInFindingSurvives(e);
    assertThat(e.findings()).extracting(Finding::ruleId).contains("SITE-GOOD");
    UnevaluatedRule u = failed(e, "two fields as one number");
    assertThat(u.cause()).isEqualTo(Cause.FAILED);
    assertThat(u.origin()).endsWith("site.drl");
    assertThat(u.reason())
        .contains("NumberFormatException")
        .contains("32768 60999")
        .contains("'asLong > 5'");
    assertThat(e.unevaluated()).hasSize(1);
  }

  @Test
  void aThrowingJoinConstraintIsReportedToo() throws Exception {
    RuleEngine engine =
        engine(
            """
            rule "join on two fields"
              @id("SITE-JOIN")
              @severity("warning")
            when
              $p : Policy()
              Sysctl(key == "net.ipv4.ip_local_port_range", asLong > $p.somaxconnMin)
            then
              insert(new FindingDraft("never", "never"));
            end
            """,
            GOOD_RULE);
    Evaluation e = engine.evaluate(FACTS, List.of());
    assertBuiltInFindingSurvives(e);
    assertThat(e.findings()).extracting(Finding::ruleId).contains("SITE-GOOD");
    assertThat(failed(e, "join on two fields").reason()).contains("NumberFormatException");
  }

  @Test
  void aLoopingRuleIsStoppedAndReported() throws Exception {
    RuleEngine engine =
        engine(
            """
            rule "loops"
              @id("SITE-LOOP")
              @severity("warning")
            when
              $s : Sysctl(key == "net.core.somaxconn")
            then
              update($s);
            end
            """,
            GOOD_RULE);
    Evaluation e = engine.evaluate(FACTS, List.of());
    assertBuiltInFindingSurvives(e);
    assertThat(e.findings()).extracting(Finding::ruleId).contains("SITE-GOOD");
    assertThat(failed(e, "loops").reason())
        .isEqualTo("kept firing 10000 times without settling; it was stopped");
  }

  @Test
  void aConsequenceThatNeverReturnsIsReportedAfterTheTimeLimit() throws Exception {
    RuleEngine engine =
        engine(
                """
                rule "never returns"
                  @id("SITE-HANG")
                  @severity("warning")
                when
                  Sysctl(key == "net.core.somaxconn")
                then
                  while (true) {
                    try { Thread.sleep(50); } catch (InterruptedException ignored) { }
                  }
                end
                """)
            .withTimeLimit(Duration.ofMillis(300));
    Evaluation e = engine.evaluate(FACTS, List.of());
    assertBuiltInFindingSurvives(e);
    UnevaluatedRule u = failed(e, "never returns");
    assertThat(u.cause()).isEqualTo(Cause.FAILED);
    assertThat(u.origin()).endsWith("site.drl");
    assertThat(u.reason()).isEqualTo("its consequence did not finish within 300 ms");

    Evaluation again = engine.evaluate(FACTS, List.of());
    assertBuiltInFindingSurvives(again);
    assertThat(failed(again, "never returns").reason())
        .contains("did not return in an earlier scan");
  }

  @Test
  void aRequirementOfAnAdministratorRuleIsHonoured() throws Exception {
    RuleEngine engine =
        engine(
            """
            rule "wants tw_reuse"
              @id("SITE-TW")
              @severity("warning")
              @requires("net.ipv4.tcp_tw_reuse")
            when
              not Sysctl(key == "net.ipv4.tcp_tw_reuse", value == "1")
            then
              insert(new FindingDraft("tw_reuse is not 1", "Proxies need it."));
            end
            """);
    Evaluation e =
        engine.evaluate(
            FACTS,
            List.of(
                new io.sockwarden.model.FactGap(
                    "net.ipv4.tcp_tw_reuse",
                    io.sockwarden.model.FactGap.Kind.UNREADABLE,
                    "permission denied",
                    "/proc/sys/net/ipv4/tcp_tw_reuse")));
    assertThat(e.findings()).extracting(Finding::ruleId).doesNotContain("SITE-TW");
    assertThat(failed(e, "wants tw_reuse").cause()).isEqualTo(Cause.MISSING_FACT);
  }

  @Test
  void malformedRequiresOrPlatformIsALoadErrorWithItsLine() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bad.drl"),
            HEADER
                + """
                rule "bad metadata"
                  @id("SITE-BAD")
                  @severity("warning")
                  @requires("net.core.somaxconn, no spaces allowed")
                  @platform("solaris")
                when
                  Sysctl()
                then
                end
                """);
    assertThatThrownBy(() -> AdministratorRules.compile(List.of(file), FileTrust.ANY))
        .isInstanceOfSatisfying(
            RuleLoadException.class,
            ex ->
                assertThat(ex.errors())
                    .extracting(RuleFileError::toString)
                    .containsExactly(
                        file
                            + ":7: rule 'bad metadata' has @requires naming 'no spaces allowed';"
                            + " expected fact names separated by commas, such as"
                            + " @requires(\"net.core.somaxconn, sockets\")",
                        file
                            + ":8: rule 'bad metadata' has @platform(\"solaris\"); expected"
                            + " linux or windows"));
  }
}
