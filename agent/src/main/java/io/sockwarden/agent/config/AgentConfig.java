package io.sockwarden.agent.config;

import io.sockwarden.model.Policy;
import io.sockwarden.model.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The agent's configuration, defaults applied.
 *
 * @param source the file it was read from, or {@code defaults}
 * @param policy rule thresholds
 * @param rulesDirs directories of administrator rules ({@code *.drl})
 * @param failOn the lowest severity that makes {@code scan} exit 3
 */
public record AgentConfig(String source, Policy policy, List<Path> rulesDirs, Severity failOn) {
  public static final Path DEFAULT_FILE = Path.of("/etc/sockwarden/agent.yaml");
  public static final Path DEFAULT_RULES_DIR = Path.of("/etc/sockwarden/rules.d");

  public AgentConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(failOn, "failOn");
    rulesDirs = List.copyOf(rulesDirs);
  }

  public static AgentConfig defaults() {
    return new AgentConfig(
        "defaults", Policy.DEFAULTS, List.of(DEFAULT_RULES_DIR), Severity.WARNING);
  }
}
