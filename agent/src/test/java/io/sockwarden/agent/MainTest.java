package io.sockwarden.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void theRuleBaseIsPreparedOnlyForCommandsThatEvaluateRules() {
    assertThat(Main.evaluatesRules("scan")).isTrue();
    assertThat(Main.evaluatesRules("apply", "--yes")).isTrue();
    assertThat(Main.evaluatesRules("run", "--once")).isTrue();
    assertThat(Main.evaluatesRules("scan", "--help")).isFalse();
    assertThat(Main.evaluatesRules("plan", "-h")).isFalse();
    assertThat(Main.evaluatesRules("facts")).isFalse();
    assertThat(Main.evaluatesRules("history")).isFalse();
    assertThat(Main.evaluatesRules()).isFalse();
  }
}
