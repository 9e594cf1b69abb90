package io.sockwarden.agent.config;

import io.sockwarden.model.Policy;
import io.sockwarden.model.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The agent's configuration, defaults applied.
 *
 * @param source the file it was read from, or {@code defaults}
 * @param policy rule thresholds
 * @param rulesDirs directories of administrator rules ({@code *.drl})
 * @param failOn the lowest severity that makes {@code scan} exit 3
 * @param journalKeep how many journal entries to keep at least (transactions in effect are always
 *     kept)
 * @param journalMaxAge how long to keep a journal entry that is no longer in effect
 * @param service how {@code sockwarden run} schedules, remediates, keeps reports and publishes
 *     metrics
 */
public record AgentConfig(
    String source,
    Policy policy,
    List<Path> rulesDirs,
    Severity failOn,
    int journalKeep,
    Duration journalMaxAge,
    ServiceSettings service) {
  public static final int DEFAULT_JOURNAL_KEEP = 200;
  public static final Duration DEFAULT_JOURNAL_MAX_AGE = Duration.ofDays(365);

  public AgentConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(failOn, "failOn");
    Objects.requireNonNull(journalMaxAge, "journalMaxAge");
    Objects.requireNonNull(service, "service");
    rulesDirs = List.copyOf(rulesDirs);
  }

  /** The defaults, with administrator rules in {@code rulesDir}. */
  public static AgentConfig defaults(Path rulesDir) {
    return new AgentConfig(
        "defaults",
        Policy.DEFAULTS,
        List.of(rulesDir),
        Severity.WARNING,
        DEFAULT_JOURNAL_KEEP,
        DEFAULT_JOURNAL_MAX_AGE,
        ServiceSettings.DEFAULTS);
  }

  /** This configuration, as read from {@code newSource}. */
  public AgentConfig withSource(String newSource) {
    return new AgentConfig(
        newSource, policy, rulesDirs, failOn, journalKeep, journalMaxAge, service);
  }

  /** This configuration with other administrator rule directories. */
  public AgentConfig withRulesDirs(List<Path> dirs) {
    return new AgentConfig(source, policy, dirs, failOn, journalKeep, journalMaxAge, service);
  }

  /** This configuration with other service settings. */
  public AgentConfig withService(ServiceSettings newService) {
    return new AgentConfig(
        source, policy, rulesDirs, failOn, journalKeep, journalMaxAge, newService);
  }
}
