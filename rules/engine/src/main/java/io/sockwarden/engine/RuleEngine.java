package io.sockwarden.engine;

import io.sockwarden.model.FactGap;
import io.sockwarden.model.Finding;
import io.sockwarden.model.FindingDraft;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.UnevaluatedRule;
import io.sockwarden.model.UnevaluatedRule.Cause;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;

/**
 * Evaluates host facts against the rule catalogue and returns findings, and the rules that gave no
 * verdict with the reason.
 *
 * <p>The built-in rules are compiled to Drools' executable model when this module is built and are
 * loaded here by instantiating the generated model classes directly, which is several times faster
 * than a classic {@code KieContainer}. Administrator rules ({@link AdministratorRules}) are
 * compiled at run time; each file gets a knowledge base and a session of its own, so that a rule
 * that fails can cost only its own file's verdicts.
 *
 * <p>A rule's consequence inserts a {@link FindingDraft}; the engine completes it with the
 * inserting rule's {@code @id} and {@code @severity} metadata. A rule is not fired when its
 * {@code @platform} is not the host's ({@link HostInfo#os()}), or when a fact its {@code @requires}
 * names has a {@link FactGap}: it is then reported as not evaluated.
 *
 * <p>Rules that misbehave are reported as {@linkplain Cause#FAILED failed} and the others still
 * run: a consequence that throws, a rule whose conditions throw while matching, a rule that fires
 * more than {@value #FIRINGS_PER_RULE} times (one that keeps re-activating itself). Administrator
 * files are evaluated on a separate thread each, after the built-in rules on the calling thread,
 * and given a time limit (10 s by default); a file that does not finish in time is reported with
 * the rule that was running. Java cannot stop a thread stuck in a consequence that never returns:
 * such a thread keeps running, and this engine does not evaluate that file again.
 *
 * <p>An engine may be shared between threads: each evaluation uses its own sessions.
 */
public final class RuleEngine {
  /** The origin of the built-in rules. */
  public static final String BUILT_IN = "built-in";

  /** Lists the executable-model classes the kie-maven-plugin generated for this module. */
  static final String MODEL_INDEX = "META-INF/kie/io.sockwarden/sockwarden-engine/drools-model";

  /** How often one rule may fire in one evaluation before it counts as looping. */
  static final int FIRINGS_PER_RULE = 10_000;

  /** How long one administrator file may take by default. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);

  static final Comparator<RuleInfo> RULE_ORDER =
      Comparator.comparing(RuleInfo::id).thenComparing(RuleInfo::name);

  private static final PreparedBase BUILT_IN_BASE = new PreparedBase(RuleEngine::loadBuiltIn);

  private final RuleSet builtIn;
  private final List<RuleSet> administrator;
  private final List<RuleInfo> rules;
  private final Duration timeLimit;
  private final int firingsPerRule;

  /** Files whose rule did not return, by origin, with the rule's name ("" when unknown). */
  private final Map<String, String> stuck;

  private RuleEngine(
      RuleSet builtIn,
      List<RuleSet> administrator,
      Duration timeLimit,
      int firingsPerRule,
      Map<String, String> stuck) {
    this.builtIn = builtIn;
    this.administrator = List.copyOf(administrator);
    this.timeLimit = timeLimit;
    this.firingsPerRule = firingsPerRule;
    this.stuck = stuck;
    List<RuleInfo> all = new ArrayList<>(builtIn.rules().values());
    all.sort(RULE_ORDER);
    for (RuleSet set : administrator) {
      all.addAll(set.rules().values());
    }
    this.rules = List.copyOf(all);
  }

  /**
   * Starts building the built-in knowledge base on a background thread, so that it is ready (or
   * nearly) when {@link #builtIn} or {@link #withAdministratorRules} first needs it. For a
   * short-lived command that will evaluate rules: it overlaps the build with the command's own
   * start-up. Calling it more than once, or never, is harmless.
   */
  public static void prepareBuiltIn() {
    BUILT_IN_BASE.start();
  }

  /** The built-in catalogue alone. */
  public static RuleEngine builtIn() {
    return new RuleEngine(
        RuleSet.of(BUILT_IN, BUILT_IN_BASE.take(), RuleEngine::loadBuiltIn),
        List.of(),
        DEFAULT_TIME_LIMIT,
        FIRINGS_PER_RULE,
        new ConcurrentHashMap<>());
  }

  /** The built-in catalogue plus administrator rules compiled beforehand. */
  public static RuleEngine withAdministratorRules(AdministratorRules extra)
      throws RuleLoadException {
    RuleSet builtIn = RuleSet.of(BUILT_IN, BUILT_IN_BASE.take(), RuleEngine::loadBuiltIn);
    List<RuleFileError> clashes = new ArrayList<>();
    for (RuleInfo info : extra.rules()) {
      if (builtIn.rules().values().stream().anyMatch(r -> r.id().equals(info.id()))) {
        clashes.add(
            new RuleFileError(
                Path.of(info.origin()),
                0,
                "rule '" + info.name() + "' reuses the id " + info.id() + " of a built-in rule"));
      }
    }
    if (!clashes.isEmpty()) {
      throw new RuleLoadException(clashes);
    }
    List<RuleSet> files = new ArrayList<>();
    extra
        .packagesByFile()
        .forEach((file, packages) -> files.add(RuleSet.compiled(file.toString(), packages)));
    return new RuleEngine(
        builtIn, files, DEFAULT_TIME_LIMIT, FIRINGS_PER_RULE, new ConcurrentHashMap<>());
  }

  /** This engine with another time limit for each administrator file. */
  public RuleEngine withTimeLimit(Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("a time limit must be positive, not " + limit);
    }
    return new RuleEngine(builtIn, administrator, limit, firingsPerRule, stuck);
  }

  /** This engine with another limit on how often one rule may fire in one evaluation. */
  RuleEngine withFiringsPerRule(int limit) {
    return new RuleEngine(builtIn, administrator, timeLimit, limit, stuck);
  }

  /** Every rule, built-in first. */
  public List<RuleInfo> rules() {
    return rules;
  }

  /**
   * The findings for {@code facts} when every fact was collected: a shorthand for {@link
   * #evaluate(Collection, Collection)} with no gaps that drops the list of unevaluated rules.
   */
  public List<Finding> evaluate(Collection<?> facts) {
    return evaluate(facts, List.of()).findings();
  }

  /**
   * Inserts {@code facts}, fires every rule that applies and can be evaluated, and returns the
   * findings and the rules that gave no verdict. Never throws because a rule failed.
   *
   * @param facts the host's facts; a {@link HostInfo} among them selects the rules of its platform
   *     (without one, every rule applies)
   * @param gaps the facts that could not be collected
   */
  public Evaluation evaluate(Collection<?> facts, Collection<FactGap> gaps) {
    Map<String, FactGap> gapsByFact = new HashMap<>();
    for (FactGap gap : gaps) {
      gapsByFact.putIfAbsent(gap.fact(), gap);
    }
    Optional<String> os =
        facts.stream().filter(HostInfo.class::isInstance).map(f -> ((HostInfo) f).os()).findFirst();
    KnownFacts known = new KnownFacts(facts, gaps);
    List<Evaluation> parts = new ArrayList<>();
    parts.add(new RuleSetEvaluation(builtIn, facts, known, gapsByFact, os, firingsPerRule).run());
    for (RuleSet file : administrator) {
      RuleSetEvaluation evaluation =
          new RuleSetEvaluation(file, facts, known, gapsByFact, os, firingsPerRule);
      parts.add(stuck.containsKey(file.origin()) ? skipped(file) : guarded(file, evaluation));
    }
    return Evaluation.merge(parts);
  }

  /** Runs one file's evaluation on a thread of its own and waits at most the time limit. */
  private Evaluation guarded(RuleSet file, RuleSetEvaluation evaluation) {
    Evaluation[] result = new Evaluation[1];
    Thread worker =
        new Thread(() -> result[0] = evaluation.run(), "sockwarden rules " + file.origin());
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(timeLimit.toMillis());
      if (!worker.isAlive()) {
        return result[0];
      }
      String firing = evaluation.firing();
      evaluation.halt();
      worker.interrupt();
      worker.join(Math.min(1000, timeLimit.toMillis()));
      if (worker.isAlive()) {
        stuck.put(file.origin(), firing == null ? "" : firing);
      }
      return evaluation.stopped(timeLimit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      evaluation.halt();
      return evaluation.stopped(timeLimit);
    }
  }

  /** A file left out because a rule of it did not return in an earlier evaluation. */
  private Evaluation skipped(RuleSet file) {
    String rule = stuck.get(file.origin());
    String reason =
        "not evaluated: "
            + (rule.isEmpty() ? "this file" : "rule '" + rule + "'")
            + " did not return in an earlier scan and may still be running";
    return new Evaluation(
        List.of(),
        file.rules().values().stream()
            .map(r -> new UnevaluatedRule(r.id(), r.name(), r.origin(), Cause.FAILED, reason))
            .toList());
  }

  /**
   * {@code java.lang.IllegalStateException: boom}: the exception a rule threw, without the wrappers
   * Drools, MVEL and reflection put around it.
   */
  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && isWrapper(t)) {
      t = t.getCause();
    }
    return t.toString();
  }

  private static boolean isWrapper(Throwable t) {
    String name = t.getClass().getName();
    return name.startsWith("org.drools.")
        || name.startsWith("org.mvel2.")
        || t instanceof java.lang.reflect.InvocationTargetException
        || t instanceof java.lang.reflect.UndeclaredThrowableException;
  }

  static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static InternalKnowledgeBase loadBuiltIn() {
    List<Model> models = new ArrayList<>();
    for (String name : modelClassNames()) {
      try {
        models.add(
            (Model)
                Class.forName(name, true, RuleEngine.class.getClassLoader())
                    .getDeclaredConstructor()
                    .newInstance());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("built-in rule model " + name + " cannot be loaded", e);
      }
    }
    return KieBaseBuilder.createKieBaseFromModel(models, RuleSet.RECORD_FAILURES);
  }

  private static List<String> modelClassNames() {
    InputStream index = RuleEngine.class.getClassLoader().getResourceAsStream(MODEL_INDEX);
    if (index == null) {
      throw new IllegalStateException(
          MODEL_INDEX + " is missing: the engine jar was not built by the kie-maven-plugin");
    }
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
      // First line: "Drools-Model-Version:<version>"; then one class name per line.
      return in.lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("Drools-Model-Version"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
