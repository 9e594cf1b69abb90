package io.sockwarden.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.model.FileTrust;
import io.sockwarden.model.Policy;
import io.sockwarden.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads {@code agent.yaml}. Every error names the file, the line where known, and the key, and maps
 * to exit code 2. A missing file is an error only when it was named explicitly; the default
 * location may be absent, and then the defaults apply.
 */
public final class ConfigLoader {
  private final FileTrust trust;
  private final AgentConfig defaults;

  /**
   * @param trust which files may be loaded
   * @param defaultRulesDir the platform's administrator rules directory
   */
  public ConfigLoader(FileTrust trust, Path defaultRulesDir) {
    this.trust = trust;
    this.defaults = AgentConfig.defaults(defaultRulesDir);
  }

  /**
   * @param file the file to read
   * @param explicit whether the administrator named it ({@code --config})
   */
  public AgentConfig load(Path file, boolean explicit) {
    if (!Files.exists(file)) {
      if (explicit) {
        throw usage(file + ": configuration file not found");
      }
      return defaults;
    }
    if (!Files.isRegularFile(file)) {
      throw usage(file + ": not a regular file");
    }
    trust
        .problem(file)
        .ifPresent(
            p -> {
              throw usage(file + ": refusing to use the configuration file: " + p);
            });
    try {
      if (Files.size(file) == 0) {
        // Nothing to parse: the defaults, without setting up the YAML parser.
        return defaults.withSource(file.toString());
      }
    } catch (IOException e) {
      throw new AgentException(Failure.OPERATIONAL, file + ": cannot read: " + e.getMessage());
    }
    ConfigDocument doc;
    try {
      ObjectMapper mapper =
          new ObjectMapper(new YAMLFactory())
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
              .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
      try (JsonParser parser = mapper.createParser(file.toFile())) {
        if (parser.nextToken() == null) {
          return defaults.withSource(file.toString());
        }
        doc = mapper.readValue(parser, ConfigDocument.class);
      }
    } catch (UnrecognizedPropertyException e) {
      // Records are built through their constructor, so Jackson reports an unknown key only at
      // the end of its section; find the key's own line instead.
      throw usage(
          lineOfKey(file, e.getPropertyName()).map(n -> file + ":" + n + ": ").orElse(file + ": ")
              + "unknown key '"
              + path(e)
              + "'; known keys here: "
              + e.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", ")));
    } catch (JsonMappingException e) {
      throw usage(where(file, e) + path(e) + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw usage(where(file, e) + "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new AgentException(Failure.OPERATIONAL, file + ": cannot read: " + e.getMessage());
    }
    if (doc == null) {
      doc = new ConfigDocument(null, null, null, null, null, null, null, null, null);
    }
    return resolve(file, doc);
  }

  private AgentConfig resolve(Path file, ConfigDocument doc) {
    Policy d = Policy.DEFAULTS;
    Policy policy = d;
    if (doc.policy() != null) {
      ConfigDocument.PolicySection p = doc.policy();
      try {
        policy =
            new Policy(
                or(p.somaxconnMin(), d.somaxconnMin()),
                or(p.synBacklogMin(), d.synBacklogMin()),
                or(p.ephemeralPortsMin(), d.ephemeralPortsMin()),
                or(p.fileMaxUsedPercent(), d.fileMaxUsedPercent()),
                or(p.ephemeralWarningPercent(), d.ephemeralWarningPercent()),
                or(p.ephemeralCriticalPercent(), d.ephemeralCriticalPercent()),
                or(p.timeWaitBucketsPercent(), d.timeWaitBucketsPercent()),
                or(p.nofileUsedPercent(), d.nofileUsedPercent()));
      } catch (IllegalArgumentException e) {
        throw usage(file + ": " + e.getMessage());
      }
    }
    List<Path> dirs = defaults.rulesDirs();
    if (doc.rulesDirs() != null) {
      for (String dir : doc.rulesDirs()) {
        if (dir == null || dir.isBlank() || !Path.of(dir).isAbsolute()) {
          throw usage(file + ": rules-dirs: '" + dir + "' must be an absolute directory path");
        }
      }
      dirs = doc.rulesDirs().stream().map(Path::of).toList();
    }
    Severity failOn = Severity.WARNING;
    if (doc.failOn() != null) {
      try {
        failOn = Severity.parse(doc.failOn());
      } catch (IllegalArgumentException e) {
        throw usage(file + ": fail-on: " + e.getMessage());
      }
    }
    int keep = defaults.journalKeep();
    Duration maxAge = defaults.journalMaxAge();
    if (doc.journal() != null) {
      if (doc.journal().keep() != null) {
        keep = doc.journal().keep();
        if (keep < 1 || keep > 100_000) {
          throw usage(file + ": journal.keep = " + keep + " is out of range 1..100000");
        }
      }
      if (doc.journal().maxAgeDays() != null) {
        int days = doc.journal().maxAgeDays();
        if (days < 1 || days > 36_500) {
          throw usage(file + ": journal.max-age-days = " + days + " is out of range 1..36500");
        }
        maxAge = Duration.ofDays(days);
      }
    }
    return new AgentConfig(
        file.toString(), policy, dirs, failOn, keep, maxAge, ServiceSection.resolve(file, doc));
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static java.util.Optional<Integer> lineOfKey(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      java.util.regex.Pattern p =
          java.util.regex.Pattern.compile(
              "^\\s*(- )?" + java.util.regex.Pattern.quote(key) + "\\s*:");
      for (int i = 0; i < lines.size(); i++) {
        if (p.matcher(lines.get(i)).find()) {
          return java.util.Optional.of(i + 1);
        }
      }
    } catch (IOException e) {
      // fall back to no line
    }
    return java.util.Optional.empty();
  }

  /** Where the token that caused {@code e} starts: file and line. */
  private static String where(Path file, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    if (e.getProcessor() instanceof JsonParser parser && parser.currentTokenLocation() != null) {
      location = parser.currentTokenLocation();
    }
    if (location == null || location.getLineNr() < 1) {
      return file + ": ";
    }
    return file + ":" + location.getLineNr() + ": ";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static AgentException usage(String message) {
    return new AgentException(Failure.INVALID, message);
  }
}
