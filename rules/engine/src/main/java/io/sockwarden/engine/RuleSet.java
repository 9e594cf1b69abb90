package io.sockwarden.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.Environment;
import org.kie.api.runtime.KieSession;
import org.kie.internal.conf.ConsequenceExceptionHandlerOption;

/**
 * Rules from one origin — the built-in catalogue, or one administrator file — in a knowledge base
 * of their own, so that a rule failing at run time cannot take another origin's verdicts with it.
 * Thread-safe: each evaluation opens its own session.
 */
final class RuleSet {
  /** The knowledge base option that routes consequence exceptions to {@link RuleFailures}. */
  static final ConsequenceExceptionHandlerOption RECORD_FAILURES =
      ConsequenceExceptionHandlerOption.get(RuleFailures.class);

  private final String origin;
  private final InternalKnowledgeBase knowledgeBase;
  private final Map<String, RuleInfo> rules;
  private final Supplier<InternalKnowledgeBase> rebuild;

  private RuleSet(
      String origin,
      InternalKnowledgeBase knowledgeBase,
      List<RuleInfo> rules,
      Supplier<InternalKnowledgeBase> rebuild) {
    this.origin = origin;
    this.knowledgeBase = knowledgeBase;
    this.rebuild = rebuild;
    this.rules = new LinkedHashMap<>();
    rules.forEach(r -> this.rules.put(r.name(), r));
  }

  /**
   * @param rebuild builds a fresh knowledge base with the same rules, used to evaluate without a
   *     rule that failed while matching
   */
  static RuleSet of(String origin, Supplier<InternalKnowledgeBase> rebuild) {
    return of(origin, rebuild.get(), rebuild);
  }

  /**
   * @param kbase the rules' knowledge base, already built; used by this rule set only
   * @param rebuild builds a fresh knowledge base with the same rules
   */
  static RuleSet of(
      String origin, InternalKnowledgeBase kbase, Supplier<InternalKnowledgeBase> rebuild) {
    return new RuleSet(origin, kbase, describe(kbase.getKiePackages(), origin), rebuild);
  }

  /** Rules compiled by the classic compiler, e.g. one administrator file. */
  static RuleSet compiled(String origin, Collection<KiePackage> packages) {
    return of(
        origin,
        () -> {
          KieBaseConfiguration conf = KieServices.get().newKieBaseConfiguration();
          conf.setOption(RECORD_FAILURES);
          InternalKnowledgeBase kbase = KnowledgeBaseFactory.newKnowledgeBase(conf);
          kbase.addPackages(packages);
          return kbase;
        });
  }

  static List<RuleInfo> describe(Collection<? extends KiePackage> packages, String origin) {
    return packages.stream()
        .flatMap(p -> p.getRules().stream())
        .map((Rule r) -> RuleMetadata.describe(r, origin))
        .sorted(RuleEngine.RULE_ORDER)
        .toList();
  }

  String origin() {
    return origin;
  }

  /** The rules by name. */
  Map<String, RuleInfo> rules() {
    return rules;
  }

  /** The same rules in a fresh knowledge base, without {@code names}. */
  RuleSet without(Set<String> names) {
    InternalKnowledgeBase kbase = rebuild.get();
    for (KiePackage pkg : List.copyOf(kbase.getKiePackages())) {
      for (Rule rule : List.copyOf(pkg.getRules())) {
        if (names.contains(rule.getName())) {
          kbase.removeRule(pkg.getName(), rule.getName());
        }
      }
    }
    return new RuleSet(origin, kbase, List.copyOf(rules.values()), rebuild);
  }

  KieSession newSession(Environment environment) {
    return knowledgeBase.newKieSession(null, environment);
  }
}
