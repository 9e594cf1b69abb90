package io.sockwarden.linux.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProcTextTest {
  @TempDir Path dir;

  @Test
  void readsEveryLine() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "a\nb c\n");
    assertThat(ProcText.lines(file)).containsExactly("a", "b c");
  }

  /**
   * A directory opens but fails to read (EISDIR), as a process's {@code /proc} file does when the
   * process exits in between (ESRCH): a checked IOException, which callers treat as gone.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void aReadThatFailsAfterTheOpenIsAnIoException() {
    assertThatThrownBy(() -> ProcText.lines(dir)).isExactlyInstanceOf(IOException.class);
  }
}
