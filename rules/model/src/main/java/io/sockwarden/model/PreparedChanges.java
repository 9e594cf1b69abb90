package io.sockwarden.model;

import java.util.List;

/**
 * What a platform will do to make a set of changes: the writes in order, and a description for
 * {@code sockwarden plan}.
 *
 * @param changes the changes after merging duplicates and adding the ones they need (for example
 *     reserving listeners' ports when the ephemeral range grows over them)
 * @param writes the resource writes, in the order they are made; empty when everything already has
 *     its target value
 * @param lines the plan as people read it: for each change, before and after of the live value and
 *     of the persistent configuration, and which file sets the value at boot
 * @param warnings what the administrator should know before applying
 */
public record PreparedChanges(
    List<Change> changes, List<ResourceWrite> writes, List<String> lines, List<String> warnings) {
  public PreparedChanges {
    changes = List.copyOf(changes);
    writes = List.copyOf(writes);
    lines = List.copyOf(lines);
    warnings = List.copyOf(warnings);
  }

  public boolean nothingToDo() {
    return writes.isEmpty();
  }
}
