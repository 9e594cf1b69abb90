package io.sockwarden.engine;

import io.sockwarden.model.Finding;
import io.sockwarden.model.FindingDraft;
import io.sockwarden.model.Severity;
import io.sockwarden.model.UnevaluatedRule;
import io.sockwarden.model.UnevaluatedRule.Cause;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.KieServices;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.Environment;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.Match;

/**
 * One session of one {@link RuleSet} over the facts: inserts them, fires the rules it may fire, and
 * collects the findings the consequences insert.
 *
 * <p>A consequence that throws ({@link RuleFailures}) or a rule that fires more than the limit is
 * recorded as failed and not fired again; the other rules go on. An exception while matching
 * propagates from {@link #run()}: the session cannot be trusted after it. {@link #halt()} and the
 * accessors may be called from another thread while {@link #run()} is under way.
 */
final class SessionRun implements AgendaFilter {
  private final RuleSet rules;
  private final Collection<?> facts;
  private final KnownFacts known;
  private final Set<String> notFired;
  private final int firingLimit;
  private final Map<String, Integer> firings = new HashMap<>();
  private final Map<String, UnevaluatedRule> failures = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private volatile KieSession session;
  private volatile String firing;

  /**
   * @param notFired names of rules not to fire: they do not apply, or lack a fact
   * @param firingLimit how often one rule may fire before it counts as looping
   */
  SessionRun(
      RuleSet rules, Collection<?> facts, KnownFacts known, Set<String> notFired, int firingLimit) {
    this.rules = rules;
    this.facts = facts;
    this.known = known;
    this.notFired = notFired;
    this.firingLimit = firingLimit;
  }

  void run() {
    Environment environment = KieServices.get().newEnvironment();
    environment.set(RuleFailures.RUN, this);
    KieSession s = rules.newSession(environment);
    session = s;
    try {
      s.addEventListener(
          new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
              if (event.getObject() instanceof FindingDraft draft && event.getRule() != null) {
                Finding finding = complete(draft, event.getRule());
                synchronized (SessionRun.this) {
                  findings.add(finding);
                }
              }
            }
          });
      s.addEventListener(
          new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
              firing = event.getMatch().getRule().getName();
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
              firing = null;
            }
          });
      s.insert(known);
      for (Object fact : facts) {
        s.insert(fact);
      }
      s.fireAllRules(this);
    } finally {
      s.dispose();
    }
  }

  /** Fires a match unless its rule may not fire, has failed, or has fired too often. */
  @Override
  public boolean accept(Match match) {
    String name = match.getRule().getName();
    if (notFired.contains(name) || failed(name)) {
      return false;
    }
    int count = firings.merge(name, 1, Integer::sum);
    if (count > firingLimit) {
      fail(name, "kept firing " + firingLimit + " times without settling; it was stopped");
      return false;
    }
    return true;
  }

  void consequenceThrew(Rule rule, Exception exception) {
    firing = null;
    fail(rule.getName(), "threw " + RuleEngine.describe(exception));
  }

  /** Asks the session to stop after the consequence that is running, if any. */
  void halt() {
    KieSession s = session;
    if (s != null) {
      s.halt();
    }
  }

  /** The rule whose consequence is running, or null. */
  String firing() {
    return firing;
  }

  synchronized List<Finding> findings() {
    return List.copyOf(findings);
  }

  synchronized Map<String, UnevaluatedRule> failures() {
    return Map.copyOf(failures);
  }

  private synchronized boolean failed(String name) {
    return failures.containsKey(name);
  }

  private synchronized void fail(String name, String reason) {
    RuleInfo info = rules.rules().get(name);
    if (info != null) {
      failures.putIfAbsent(
          name, new UnevaluatedRule(info.id(), name, info.origin(), Cause.FAILED, reason));
    }
  }

  private static Finding complete(FindingDraft draft, Rule rule) {
    Map<String, Object> meta = rule.getMetaData();
    return draft.complete(
        RuleMetadata.value(meta, "id"), Severity.parse(RuleMetadata.value(meta, "severity")));
  }
}
