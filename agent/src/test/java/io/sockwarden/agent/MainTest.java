package io.sockwarden.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.agent.cli.Sockwarden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

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

  @Test
  void noOptionHasATypeWhoseConverterIsLeftOut() {
    String excludes = System.getProperty(Main.CONVERTER_EXCLUDES);
    try {
      System.clearProperty(Main.CONVERTER_EXCLUDES);
      Main.chooseProviders();
      String[] patterns = System.getProperty(Main.CONVERTER_EXCLUDES).split(",");
      assertThat("java.time.Duration").matches(patterns[0]);

      List<String> types = new ArrayList<>();
      collectTypes(Sockwarden.commandLine(), types);
      assertThat(types).contains("java.nio.file.Path", "boolean");
      for (String pattern : patterns) {
        assertThat(types).noneMatch(t -> t.matches(pattern));
      }
    } finally {
      restore(Main.CONVERTER_EXCLUDES, excludes);
    }
  }

  private static void collectTypes(CommandLine command, List<String> types) {
    for (ArgSpec arg : command.getCommandSpec().args()) {
      types.add(arg.type().getName());
      for (Class<?> aux : arg.auxiliaryTypes()) {
        types.add(aux.getName());
      }
    }
    command.getSubcommands().values().forEach(sub -> collectTypes(sub, types));
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
