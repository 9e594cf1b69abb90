package io.sockwarden.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the {@code namespaces} key: {@code all}, {@code host}, or a non-empty list of labels,
 * inodes or {@code net:[INODE]}. Its errors are thrown while the parser still stands on the
 * offending value, so that the configuration error names its line.
 */
final class NamespacesKey extends StdDeserializer<NamespaceScope> {
  private static final long serialVersionUID = 1L;
  private static final String EXPECTED =
      "expected all, host, or a list of namespace labels, inodes or net:[INODE]";

  NamespacesKey() {
    super(NamespaceScope.class);
  }

  @Override
  public NamespaceScope deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return switch (p.getText().strip().toLowerCase(Locale.ROOT)) {
        case "all" -> NamespaceScope.ALL;
        case "host" -> NamespaceScope.HOST;
        default -> throw fail(p, "'" + p.getText() + "': " + EXPECTED);
      };
    }
    if (t == JsonToken.START_OBJECT) {
      throw fail(p, "a mapping: " + EXPECTED);
    }
    if (t != JsonToken.START_ARRAY) {
      throw fail(p, "'" + p.getText() + "': " + EXPECTED);
    }
    Set<String> labels = new LinkedHashSet<>();
    int index = 0;
    for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
      // An inode is written as a number in YAML; labels as strings.
      if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT) {
        throw fail(p, "item " + (index + 1) + " is not a label, inode or net:[INODE]");
      }
      String label = p.getText().strip();
      if (label.isEmpty()) {
        throw fail(p, "item " + (index + 1) + " is empty");
      }
      if (label.equalsIgnoreCase("all")) {
        throw fail(p, "'all' in a list; write namespaces: all to scan every namespace");
      }
      labels.add(label);
    }
    if (labels.isEmpty()) {
      throw fail(
          p,
          "an empty list names no namespace; write host for the agent's own, or all for every one");
    }
    return NamespaceScope.of(new ArrayList<>(labels));
  }

  private static JsonMappingException fail(JsonParser p, String message) {
    return JsonMappingException.from(p, message);
  }
}
