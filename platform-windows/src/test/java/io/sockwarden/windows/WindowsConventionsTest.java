package io.sockwarden.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockwarden.model.FileTrust;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WindowsConventionsTest {
  @Test
  void filesLiveUnderProgramData() {
    Path pd = Path.of("ProgramData");
    WindowsConventions c = new WindowsConventions(pd, FileTrust.ANY, () -> false);
    assertThat(c.defaultConfigFile()).isEqualTo(pd.resolve("Sockwarden").resolve("agent.yaml"));
    assertThat(c.defaultRulesDir()).isEqualTo(pd.resolve("Sockwarden").resolve("rules.d"));
    assertThat(c.defaultStateDir()).isEqualTo(pd.resolve("Sockwarden").resolve("state"));
    assertThat(c.defaultCacheDir()).isEqualTo(pd.resolve("Sockwarden").resolve("cache"));
    assertThat(c.privileged()).isFalse();
    assertThat(c.privilegeRequirement()).contains("elevated administrator");
    assertThat(new WindowsConventions(pd, FileTrust.ANY, () -> true).privileged()).isTrue();
  }
}
