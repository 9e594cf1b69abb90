package io.sockwarden.engine;

import io.sockwarden.model.FileTrust;
import io.sockwarden.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Rules an administrator adds in {@code rules.d/*.drl}, compiled at run time with Drools' classic
 * compiler.
 *
 * <p>Each file is compiled on its own, so one broken file is reported by path and line instead of
 * failing a combined build with errors that are hard to place. Before anything is compiled, every
 * directory and file must pass {@link FileTrust}: the rules run inside the agent, as root. Every
 * rule must carry {@code @id} (upper case letters, digits and dashes) and {@code @severity}.
 *
 * <p>Compiling costs about half a second, so callers build this only when a directory has files.
 */
public final class AdministratorRules {
  private static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");

  private final List<KiePackage> packages;
  private final List<RuleInfo> rules;
  private final List<Path> files;

  private AdministratorRules(List<KiePackage> packages, List<RuleInfo> rules, List<Path> files) {
    this.packages = List.copyOf(packages);
    this.rules = List.copyOf(rules);
    this.files = List.copyOf(files);
  }

  /**
   * The {@code *.drl} files directly in {@code directories}, sorted by name within each directory.
   * A directory that does not exist contributes nothing.
   *
   * @throws RuleLoadException when a directory cannot be listed or is not trusted
   */
  public static List<Path> ruleFiles(List<Path> directories, FileTrust trust)
      throws RuleLoadException {
    List<Path> files = new ArrayList<>();
    List<RuleFileError> errors = new ArrayList<>();
    for (Path dir : directories) {
      if (!Files.exists(dir)) {
        continue;
      }
      if (!Files.isDirectory(dir)) {
        errors.add(new RuleFileError(dir, 0, "not a directory"));
        continue;
      }
      trust.problem(dir).ifPresent(p -> errors.add(new RuleFileError(dir, 0, p)));
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().forEach(files::add);
      } catch (IOException e) {
        errors.add(new RuleFileError(dir, 0, "cannot list: " + e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleLoadException(errors);
    }
    return files;
  }

  /**
   * Checks and compiles every file, reporting all problems of all files at once.
   *
   * @throws RuleLoadException listing every untrusted file, compile error and metadata problem
   */
  public static AdministratorRules compile(List<Path> files, FileTrust trust)
      throws RuleLoadException {
    List<RuleFileError> errors = new ArrayList<>();
    List<KiePackage> packages = new ArrayList<>();
    List<RuleInfo> rules = new ArrayList<>();
    for (Path file : files) {
      Optional<String> untrusted =
          Files.isRegularFile(file) ? trust.problem(file) : Optional.of("not a regular file");
      if (untrusted.isPresent()) {
        errors.add(new RuleFileError(file, 0, untrusted.get()));
        continue;
      }
      KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
      builder.add(ResourceFactory.newFileResource(file.toFile()), ResourceType.DRL);
      if (builder.hasErrors()) {
        for (KnowledgeBuilderError error : builder.getErrors()) {
          int[] lines = error.getLines();
          int line = lines != null && lines.length > 0 ? Math.max(0, lines[0]) : 0;
          errors.add(new RuleFileError(file, line, oneLine(error.getMessage())));
        }
        continue;
      }
      Collection<KiePackage> compiled = builder.getKnowledgePackages();
      List<RuleInfo> described = RuleEngine.describe(compiled, file.toString());
      errors.addAll(checkMetadata(file, compiled));
      packages.addAll(compiled);
      rules.addAll(described);
    }
    for (int i = 0; i < rules.size(); i++) {
      for (int j = 0; j < i; j++) {
        RuleInfo a = rules.get(i);
        RuleInfo b = rules.get(j);
        if (a.id().equals(b.id()) && !a.origin().equals(b.origin())) {
          errors.add(
              new RuleFileError(
                  Path.of(a.origin()), 0, "rule id " + a.id() + " is also used in " + b.origin()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleLoadException(errors);
    }
    return new AdministratorRules(packages, rules, files);
  }

  private static List<RuleFileError> checkMetadata(Path file, Collection<KiePackage> packages) {
    List<RuleFileError> errors = new ArrayList<>();
    for (KiePackage pkg : packages) {
      for (org.kie.api.definition.rule.Rule rule : pkg.getRules()) {
        String id = RuleEngine.metadata(rule.getMetaData(), "id");
        String severity = RuleEngine.metadata(rule.getMetaData(), "severity");
        if (!RULE_ID.matcher(id).matches()) {
          errors.add(
              new RuleFileError(
                  file,
                  0,
                  "rule '"
                      + rule.getName()
                      + "' needs @id(\"AREA-WHAT\") in upper case letters, digits and dashes"
                      + (id.isEmpty() ? "" : ", not '" + id + "'")));
        }
        try {
          Severity.parse(severity);
        } catch (IllegalArgumentException e) {
          errors.add(
              new RuleFileError(
                  file, 0, "rule '" + rule.getName() + "' needs @severity(info|warning|critical)"));
        }
      }
    }
    return errors;
  }

  private static String oneLine(String message) {
    return message == null ? "error" : message.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  List<KiePackage> packages() {
    return packages;
  }

  public List<RuleInfo> rules() {
    return rules;
  }

  public List<Path> files() {
    return files;
  }
}
