package io.sockwarden.engine;

import io.sockwarden.model.FactGap;
import io.sockwarden.model.UnevaluatedRule;
import io.sockwarden.model.UnevaluatedRule.Cause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Evaluates one {@link RuleSet}: leaves out rules for another platform, does not fire rules whose
 * required facts have gaps, and survives its rules failing.
 *
 * <p>When matching throws, the session is abandoned. If Drools' message names the rule (it does for
 * a constraint: {@code Error evaluating constraint 'asLong > 5' in [Rule "x" in f.drl]}), that rule
 * is recorded as failed and the set is evaluated again without it; otherwise every rule of the set
 * is recorded as failed. Findings made before a failure that forces a new session are discarded:
 * the new session makes them again.
 */
final class RuleSetEvaluation {
  private static final Pattern RULE_NAME = Pattern.compile("Rule \"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern CONSTRAINT = Pattern.compile("constraint '(.*)' in \\[");

  private final RuleSet rules;
  private final Collection<?> facts;
  private final KnownFacts known;
  private final int firingLimit;
  private final Map<String, UnevaluatedRule> unevaluated = new LinkedHashMap<>();
  private final Set<String> notFired = new HashSet<>();
  private volatile SessionRun current;

  RuleSetEvaluation(
      RuleSet rules,
      Collection<?> facts,
      KnownFacts known,
      Map<String, FactGap> gaps,
      Optional<String> os,
      int firingLimit) {
    this.rules = rules;
    this.facts = facts;
    this.known = known;
    this.firingLimit = firingLimit;
    for (RuleInfo rule : rules.rules().values()) {
      if (os.isPresent() && !rule.appliesTo(os.get())) {
        notFired.add(rule.name());
        continue;
      }
      Requirements.unmet(rule, gaps)
          .ifPresent(
              u -> {
                notFired.add(rule.name());
                unevaluated.put(rule.name(), u);
              });
    }
  }

  /** Evaluates the set; never throws for a failing rule. */
  Evaluation run() {
    RuleSet set = rules;
    Set<String> excluded = new HashSet<>(notFired);
    while (true) {
      SessionRun run = new SessionRun(set, facts, known, excluded, firingLimit);
      current = run;
      try {
        run.run();
        return result(run, Map.of());
      } catch (RuntimeException | StackOverflowError e) {
        Set<String> culprits = culprits(e, run, excluded);
        if (culprits.isEmpty()) {
          return result(
              run,
              everyRuleNotListed(
                  run,
                  "not evaluated: matching the rules of "
                      + rules.origin()
                      + " threw "
                      + RuleEngine.describe(e)
                      + ", naming no rule"));
        }
        String reason = "threw " + RuleEngine.describe(e) + constraint(e);
        for (String name : culprits) {
          RuleInfo info = rules.rules().get(name);
          synchronized (this) {
            unevaluated.put(
                name, new UnevaluatedRule(info.id(), name, info.origin(), Cause.FAILED, reason));
          }
        }
        excluded.addAll(culprits);
        set = rules.without(failedSoFar(excluded));
      }
    }
  }

  /** Stops the evaluation: the session halts after the consequence that is running, if any. */
  void halt() {
    SessionRun run = current;
    if (run != null) {
      run.halt();
    }
  }

  /** The rule whose consequence is running, or null. */
  String firing() {
    SessionRun run = current;
    return run == null ? null : run.firing();
  }

  /** What is known after the evaluation did not finish within {@code limit}. */
  Evaluation stopped(Duration limit) {
    SessionRun run = current;
    String firing = run == null ? null : run.firing();
    Map<String, UnevaluatedRule> extra = new LinkedHashMap<>();
    String took = "did not finish within " + RuleEngine.seconds(limit);
    if (firing != null && rules.rules().containsKey(firing)) {
      RuleInfo info = rules.rules().get(firing);
      extra.put(
          firing,
          new UnevaluatedRule(
              info.id(), firing, info.origin(), Cause.FAILED, "its consequence " + took));
    }
    String reason =
        "not evaluated: evaluation of "
            + rules.origin()
            + " was stopped because it "
            + took
            + (firing != null ? " while rule '" + firing + "' was running" : "");
    if (run == null) {
      return new Evaluation(List.of(), List.copyOf(extra.values()));
    }
    Map<String, UnevaluatedRule> all = new LinkedHashMap<>(extra);
    everyRuleNotListed(run, reason).forEach(all::putIfAbsent);
    return result(run, all);
  }

  private synchronized Evaluation result(SessionRun run, Map<String, UnevaluatedRule> extra) {
    Map<String, UnevaluatedRule> all = new LinkedHashMap<>(unevaluated);
    run.failures().forEach(all::putIfAbsent);
    extra.forEach(all::putIfAbsent);
    return new Evaluation(run.findings(), new ArrayList<>(all.values()));
  }

  /** Every rule that applies here and is not yet listed, failed with {@code reason}. */
  private synchronized Map<String, UnevaluatedRule> everyRuleNotListed(
      SessionRun run, String reason) {
    Map<String, UnevaluatedRule> failed = new LinkedHashMap<>();
    Map<String, UnevaluatedRule> already = run.failures();
    for (RuleInfo info : rules.rules().values()) {
      String name = info.name();
      if (!notFired.contains(name)
          && !unevaluated.containsKey(name)
          && !already.containsKey(name)) {
        failed.put(name, new UnevaluatedRule(info.id(), name, info.origin(), Cause.FAILED, reason));
      }
    }
    return failed;
  }

  /**
   * The rules to blame: those Drools names in the exception, or the rule whose consequence was
   * running when an error (not an exception, which {@link RuleFailures} handles) escaped it.
   */
  private Set<String> culprits(Throwable e, SessionRun run, Set<String> excluded) {
    Set<String> names = new HashSet<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = RULE_NAME.matcher(t.getMessage());
        while (m.find()) {
          names.add(m.group(1).replace("\\\"", "\""));
        }
      }
    }
    String firing = run.firing();
    if (names.isEmpty() && firing != null) {
      names.add(firing);
    }
    names.retainAll(rules.rules().keySet());
    names.removeAll(excluded);
    return names;
  }

  /** The excluded rules that are in the set, not merely left out for a gap or platform. */
  private Set<String> failedSoFar(Set<String> excluded) {
    return excluded.stream().filter(n -> !notFired.contains(n)).collect(Collectors.toSet());
  }

  private static String constraint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = CONSTRAINT.matcher(t.getMessage());
        if (m.find()) {
          return " while matching '" + m.group(1) + "'";
        }
      }
    }
    return "";
  }
}
