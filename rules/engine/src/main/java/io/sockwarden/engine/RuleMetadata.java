package io.sockwarden.engine;

import io.sockwarden.model.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kie.api.definition.rule.Rule;

/**
 * Reads and checks the metadata a rule carries: {@code @id}, {@code @severity}, and the optional
 * {@code @requires("fact, fact")} and {@code @platform("linux"|"windows")}.
 */
final class RuleMetadata {
  static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");
  static final Pattern FACT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  static final List<String> PLATFORMS = List.of("linux", "windows");

  private RuleMetadata() {}

  /** The rule as {@code rules list} shows it; lenient, see {@link #problems} for the checks. */
  static RuleInfo describe(Rule rule, String origin) {
    Map<String, Object> meta = rule.getMetaData();
    Severity severity;
    try {
      severity = Severity.parse(value(meta, "severity"));
    } catch (IllegalArgumentException e) {
      severity = Severity.INFO;
    }
    String platform = value(meta, "platform");
    return new RuleInfo(
        value(meta, "id"),
        severity,
        rule.getName(),
        origin,
        requires(value(meta, "requires")),
        PLATFORMS.contains(platform) ? platform : "");
  }

  /** What is wrong with a rule's metadata, each problem a sentence naming the rule. */
  static List<String> problems(Rule rule) {
    Map<String, Object> meta = rule.getMetaData();
    String name = "rule '" + rule.getName() + "'";
    List<String> problems = new ArrayList<>();
    String id = value(meta, "id");
    if (!RULE_ID.matcher(id).matches()) {
      problems.add(
          name
              + " needs @id(\"AREA-WHAT\") in upper case letters, digits and dashes"
              + (id.isEmpty() ? "" : ", not '" + id + "'"));
    }
    try {
      Severity.parse(value(meta, "severity"));
    } catch (IllegalArgumentException e) {
      problems.add(name + " needs @severity(info|warning|critical)");
    }
    if (meta.containsKey("requires")) {
      malformedRequirement(value(meta, "requires"))
          .ifPresent(
              bad ->
                  problems.add(
                      name
                          + " has @requires naming '"
                          + bad
                          + "'; expected fact names separated by commas, such as"
                          + " @requires(\"net.core.somaxconn, sockets\")"));
    }
    if (meta.containsKey("platform") && !PLATFORMS.contains(value(meta, "platform"))) {
      problems.add(
          name + " has @platform(\"" + value(meta, "platform") + "\"); expected linux or windows");
    }
    return problems;
  }

  /** The fact names in a {@code @requires} value; empty text means none. */
  static List<String> requires(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(","))
        .map(String::strip)
        .filter(FACT_NAME.asMatchPredicate())
        .toList();
  }

  private static Optional<String> malformedRequirement(String text) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    return Arrays.stream(text.split(",", -1))
        .map(String::strip)
        .filter(n -> !FACT_NAME.matcher(n).matches())
        .findFirst();
  }

  /** A metadata value without the quotes the classic compiler may leave around it. */
  static String value(Map<String, Object> meta, String key) {
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
}
