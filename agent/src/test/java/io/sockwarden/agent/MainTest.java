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

  @Test
  void providersGivenOnTheCommandLineAreKept() {
    String provider = System.getProperty("slf4j.provider");
    String closures = System.getProperty("picocli.disable.closures");
    try {
      System.setProperty("slf4j.provider", "org.example.Given");
      System.setProperty("picocli.disable.closures", "false");
      Main.chooseProviders();
      assertThat(System.getProperty("slf4j.provider")).isEqualTo("org.example.Given");
      assertThat(System.getProperty("picocli.disable.closures")).isEqualTo("false");
    } finally {
      restore("slf4j.provider", provider);
      restore("picocli.disable.closures", closures);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
