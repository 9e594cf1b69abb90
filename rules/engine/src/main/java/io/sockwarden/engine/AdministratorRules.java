package io.sockwarden.engine;

import io.sockwarden.model.FileTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * rule must carry {@code @id} (upper case letters, digits and dashes) and {@code @severity}; it may
 * carry {@code @requires} (fact names separated by commas) and {@code @platform} ({@code linux} or
 * {@code windows}). A metadata problem is reported with the line of the annotation.
 *
 * <p>Compiling costs about half a second, so callers build this only when a directory has files.
 */
public final class AdministratorRules {
  private final Map<Path, List<KiePackage>> packagesByFile;
  private final List<RuleInfo> rules;
  private final List<Path> files;

  private AdministratorRules(
      Map<Path, List<KiePackage>> packagesByFile, List<RuleInfo> rules, List<Path> files) {
    this.packagesByFile = Collections.unmodifiableMap(new LinkedHashMap<>(packagesByFile));
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
    Map<Path, List<KiePackage>> packages = new LinkedHashMap<>();
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
      List<RuleInfo> described = RuleSet.describe(compiled, file.toString());
      errors.addAll(checkMetadata(file, compiled));
      packages.put(file, List.copyOf(compiled));
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
    RuleLocations locations = null;
    for (KiePackage pkg : packages) {
      for (org.kie.api.definition.rule.Rule rule : pkg.getRules()) {
        List<String> problems = RuleMetadata.problems(rule);
        if (problems.isEmpty()) {
          continue;
        }
        if (locations == null) {
          locations = new RuleLocations(readLines(file));
        }
        for (String problem : problems) {
          errors.add(
              new RuleFileError(file, locations.line(rule.getName(), keyOf(problem)), problem));
        }
      }
    }
    return errors;
  }

  /** The metadata key a problem from {@link RuleMetadata#problems} is about, or null. */
  private static String keyOf(String problem) {
    for (String key : List.of("id", "severity", "requires", "platform")) {
      if (problem.contains("@" + key)) {
        return key;
      }
    }
    return null;
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String oneLine(String message) {
    return message == null ? "error" : message.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  /** The compiled packages of each file, in the order the files were given. */
  Map<Path, List<KiePackage>> packagesByFile() {
    return packagesByFile;
  }

  public List<RuleInfo> rules() {
    return rules;
  }

  public List<Path> files() {
    return files;
  }
}
