package io.sockwarden.agent.journal;

import io.sockwarden.model.ApplyMode;
import io.sockwarden.model.Change;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.PreparedChanges;
import io.sockwarden.model.Remediation;
import io.sockwarden.model.Resource;
import io.sockwarden.model.ResourceWrite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory host for transaction tests: named resources holding bytes or nothing, with a switch
 * that makes writes to one resource fail.
 */
final class MemoryHost implements Remediation {
  final Map<String, Optional<byte[]>> store = new LinkedHashMap<>();
  String failWritesTo;

  MemoryHost(String... names) {
    for (String n : names) {
      store.put(n, Optional.empty());
    }
  }

  /** A snapshot of every resource's content, comparable with {@link #same}. */
  Map<String, String> snapshot() {
    Map<String, String> s = new LinkedHashMap<>();
    store.forEach((k, v) -> s.put(k, v.map(String::new).orElse(null)));
    return s;
  }

  @Override
  public Resource resource(String id) {
    if (!store.containsKey(id)) {
      throw new IllegalArgumentException("unknown resource " + id);
    }
    return new Resource() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String describe() {
        return id;
      }

      @Override
      public boolean scoped() {
        return id.startsWith("net.");
      }

      @Override
      public Optional<byte[]> read() {
        return store.get(id).map(byte[]::clone);
      }

      @Override
      public void write(Optional<byte[]> content) throws IOException {
        if (id.equals(failWritesTo)) {
          throw new IOException("simulated failure writing " + id);
        }
        store.put(id, content.map(byte[]::clone));
      }
    };
  }

  /** Prepares writes of {@code targets} (null: remove) to the named resources. */
  PreparedChanges prepare(Map<String, String> targets) {
    List<ResourceWrite> writes = new ArrayList<>();
    targets.forEach(
        (id, value) ->
            writes.add(
                new ResourceWrite(resource(id), Optional.ofNullable(value).map(String::getBytes))));
    return new PreparedChanges(List.of(), writes, List.of(), List.of());
  }

  @Override
  public PreparedChanges prepare(List<Change> changes, HostFacts facts, ApplyMode mode) {
    throw new UnsupportedOperationException("tests prepare with prepare(Map)");
  }

  @Override
  public List<String> verify(PreparedChanges prepared) {
    return List.of();
  }

  /** The scope {@link #scope()} reports: tests move the "process" to another namespace. */
  String scope = "net:[1]";

  /** Resources whose names start with {@code net.} belong to a scope, like net.* sysctls. */
  @Override
  public String scope() {
    return scope;
  }

  /** The label {@link #namespaceLabel()} reports: null for the agent's own namespace. */
  String label;

  @Override
  public Optional<String> namespaceLabel() {
    return Optional.ofNullable(label);
  }
}
