package io.sockwarden.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointsTest {
  private static final String SERVICE = "META-INF/services/" + Checkpoints.class.getName();

  /**
   * The crash tests' pause comes only from the test class path: nothing the product ships (the
   * agent's main classes, which the distribution packs into its jar) provides one.
   */
  @Test
  void onlyTheTestClassPathProvidesAPause() throws Exception {
    List<URL> providers = Collections.list(getClass().getClassLoader().getResources(SERVICE));
    assertThat(providers)
        .isNotEmpty()
        .allSatisfy(u -> assertThat(u.getPath()).contains("/test-classes/"));
    Path mainClasses =
        Path.of(Checkpoints.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(mainClasses.resolve(SERVICE)).doesNotExist();
    assertThat(Checkpoints.Installed.PROVIDER).isInstanceOf(PausingCheckpoints.class);
  }
}
