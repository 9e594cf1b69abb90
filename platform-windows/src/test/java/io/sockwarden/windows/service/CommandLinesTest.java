package io.sockwarden.windows.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {
  @Test
  void quotesTheProgramAlwaysAndArgumentsOnlyWhenNeeded() {
    assertThat(CommandLines.join(List.of("C:\\jre\\bin\\java.exe", "-jar", "a.jar", "run")))
        .isEqualTo("\"C:\\jre\\bin\\java.exe\" -jar a.jar run");
    assertThat(CommandLines.join(List.of("C:\\Program Files\\java.exe", "-Dx=C:\\Program Files\\")))
        .isEqualTo("\"C:\\Program Files\\java.exe\" \"-Dx=C:\\Program Files\\\\\"");
  }

  @Test
  void escapesQuotesAndTheBackslashesBeforeThem() {
    assertThat(CommandLines.quote("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    assertThat(CommandLines.quote("a\\\"b")).isEqualTo("\"a\\\\\\\"b\"");
    assertThat(CommandLines.quote("")).isEqualTo("\"\"");
    assertThat(CommandLines.quote("C:\\dir\\file")).isEqualTo("C:\\dir\\file");
  }

  @Test
  void refusesAProgramPathWithAQuote() {
    assertThatThrownBy(() -> CommandLines.join(List.of("C:\\a\"b.exe")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
