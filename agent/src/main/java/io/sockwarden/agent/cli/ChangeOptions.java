package io.sockwarden.agent.cli;

import io.sockwarden.model.ApplyMode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which changes {@code plan} and {@code apply} take, and which side of each setting. */
public final class ChangeOptions {
  @Option(
      names = "--only",
      paramLabel = "RULE_ID",
      split = ",",
      description = "Take only the changes these rules propose (comma-separated rule ids).")
  List<String> only;

  @ArgGroup(exclusive = true)
  Side side;

  static final class Side {
    @Option(
        names = "--live-only",
        description = "Change only the running values; the configuration files stay as they are.")
    boolean liveOnly;

    @Option(
        names = "--persist-only",
        description = "Change only the persistent configuration; takes effect at the next boot.")
    boolean persistOnly;
  }

  Set<String> only() {
    return only == null ? Set.of() : new TreeSet<>(only);
  }

  ApplyMode mode() {
    if (side != null && side.liveOnly) {
      return ApplyMode.LIVE_ONLY;
    }
    if (side != null && side.persistOnly) {
      return ApplyMode.PERSISTENT_ONLY;
    }
    return ApplyMode.LIVE_AND_PERSISTENT;
  }
}
