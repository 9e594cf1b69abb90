package io.sockwarden.engine;

import io.sockwarden.model.FactGap;
import io.sockwarden.model.Finding;
import io.sockwarden.model.FindingDraft;
import io.sockwarden.model.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;

/**
 * Evaluates host facts against the rule catalogue and returns findings.
 *
 * <p>The built-in rules are compiled to Drools' executable model when this module is built and are
 * loaded here by instantiating the generated model classes directly, which is several times faster
 * than a classic {@code KieContainer}. Administrator rules ({@link AdministratorRules}) are
 * compiled at run time and added to the same knowledge base.
 *
 * <p>A rule's consequence inserts a {@link FindingDraft}; the engine completes it with the
 * inserting rule's {@code @id} and {@code @severity} metadata. An engine may be shared between
 * threads: each evaluation uses its own session.
 */
public final class RuleEngine {
  /** Lists the executable-model classes the kie-maven-plugin generated for this module. */
  static final String MODEL_INDEX = "META-INF/kie/io.sockwarden/sockwarden-engine/drools-model";

  /** Upper bound on rule firings in one evaluation: a looping rule is stopped, not hung on. */
  static final int MAX_FIRINGS = 100_000;

  private final InternalKnowledgeBase knowledgeBase;
  private final List<RuleInfo> rules;

  private RuleEngine(InternalKnowledgeBase knowledgeBase, List<RuleInfo> rules) {
    this.knowledgeBase = knowledgeBase;
    this.rules = List.copyOf(rules);
  }

  /** The built-in catalogue alone. */
  public static RuleEngine builtIn() {
    InternalKnowledgeBase kbase = loadBuiltIn();
    return new RuleEngine(kbase, describe(kbase.getKiePackages(), "built-in"));
  }

  /** The built-in catalogue plus administrator rules compiled beforehand. */
  public static RuleEngine withAdministratorRules(AdministratorRules extra)
      throws RuleLoadException {
    InternalKnowledgeBase kbase = loadBuiltIn();
    List<RuleInfo> all = new ArrayList<>(describe(kbase.getKiePackages(), "built-in"));
    List<RuleFileError> clashes = new ArrayList<>();
    for (RuleInfo info : extra.rules()) {
      if (all.stream()
          .anyMatch(r -> r.id().equals(info.id()) && !r.origin().equals(info.origin()))) {
        clashes.add(
            new RuleFileError(
                java.nio.file.Path.of(info.origin()),
                0,
                "rule '" + info.name() + "' reuses the id " + info.id() + " of another rule file"));
      }
    }
    if (!clashes.isEmpty()) {
      throw new RuleLoadException(clashes);
    }
    all.addAll(extra.rules());
    kbase.addPackages(extra.packages());
    return new RuleEngine(kbase, all);
  }

  /** Every rule in the knowledge base, built-in first. */
  public List<RuleInfo> rules() {
    return rules;
  }

  /** Evaluates {@code facts} knowing which facts could not be collected. */
  public Evaluation evaluate(Collection<?> facts, Collection<FactGap> gaps) {
    return new Evaluation(evaluate(facts), List.of());
  }

  /**
   * Inserts {@code facts}, fires every rule and returns the findings, most severe first, then by
   * rule id and title.
   *
   * @throws IllegalStateException when rules fire more than {@value #MAX_FIRINGS} times (a rule
   *     that keeps re-activating itself)
   */
  public List<Finding> evaluate(Collection<?> facts) {
    KieSession session = knowledgeBase.newKieSession();
    List<Finding> findings = new ArrayList<>();
    try {
      session.addEventListener(
          new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
              if (event.getObject() instanceof FindingDraft draft && event.getRule() != null) {
                findings.add(complete(draft, event.getRule()));
              }
            }
          });
      for (Object fact : facts) {
        session.insert(fact);
      }
      int fired = session.fireAllRules(MAX_FIRINGS);
      if (fired >= MAX_FIRINGS) {
        throw new IllegalStateException(
            "rules fired "
                + fired
                + " times without settling; a rule probably re-activates itself");
      }
    } finally {
      session.dispose();
    }
    findings.sort(
        Comparator.comparing(Finding::severity)
            .reversed()
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::title));
    return findings;
  }

  private static Finding complete(FindingDraft draft, Rule rule) {
    Map<String, Object> meta = rule.getMetaData();
    String id = metadata(meta, "id");
    Severity severity = Severity.parse(metadata(meta, "severity"));
    return draft.complete(id, severity);
  }

  /** A metadata value without the quotes the classic compiler may leave around it. */
  static String metadata(Map<String, Object> meta, String key) {
    Object value = meta.get(key);
    if (value == null) {
      return "";
    }
    String text = value.toString().strip();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    }
    return text;
  }

  static List<RuleInfo> describe(Collection<? extends KiePackage> packages, String origin) {
    List<RuleInfo> infos = new ArrayList<>();
    for (KiePackage pkg : packages) {
      for (Rule rule : pkg.getRules()) {
        Map<String, Object> meta = rule.getMetaData();
        Severity severity;
        try {
          severity = Severity.parse(metadata(meta, "severity"));
        } catch (IllegalArgumentException e) {
          severity = Severity.INFO;
        }
        infos.add(new RuleInfo(metadata(meta, "id"), severity, rule.getName(), origin));
      }
    }
    infos.sort(Comparator.comparing(RuleInfo::id).thenComparing(RuleInfo::name));
    return infos;
  }

  private static InternalKnowledgeBase loadBuiltIn() {
    List<String> modelClasses = modelClassNames();
    List<Model> models = new ArrayList<>();
    for (String name : modelClasses) {
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
    return KieBaseBuilder.createKieBaseFromModel(models);
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
