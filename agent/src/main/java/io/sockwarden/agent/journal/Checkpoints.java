package io.sockwarden.agent.journal;

import java.util.ServiceLoader;

/**
 * Named points in a transaction ({@code journaled}, {@code written-N}, {@code before-verify},
 * {@code marked}) where crash tests stop the process with a real {@code kill -9}.
 *
 * <p>The product has no implementation: {@link #installed()} finds one only when a provider is on
 * the class path, which the test class path has and a packaged build does not, so no environment
 * variable or flag can make an installed agent pause in the middle of a transaction.
 */
@FunctionalInterface
public interface Checkpoints {
  void reach(String point);

  /** Does nothing. */
  Checkpoints NONE = point -> {};

  /**
   * The provider on the class path (tests only), else {@link #NONE}; looked up when a transaction
   * first reaches a point, so that commands that change nothing never search the class path.
   */
  static Checkpoints installed() {
    return point -> Installed.PROVIDER.reach(point);
  }

  /** The lookup, done once. */
  final class Installed {
    static final Checkpoints PROVIDER =
        ServiceLoader.load(Checkpoints.class).findFirst().orElse(NONE);

    private Installed() {}
  }
}
