package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.journal.JournalEntry;
import io.sockwarden.agent.report.Format;
import io.sockwarden.agent.report.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sockwarden history}: the transactions in the journal. */
@Command(
    name = "history",
    header = "List the transactions: id, time, user, changes and state.",
    description =
        "List the transactions in the journal, oldest first: id, time, user, changes and state.")
public final class HistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HostPathOptions paths;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    HostSession session = Front.host(paths, spec.commandLine().getErr());
    List<JournalEntry> entries;
    try {
      entries = session.journal().entries();
    } catch (IOException e) {
      throw new AgentException(Failure.OPERATIONAL, "cannot read the journal: " + e.getMessage());
    }
    String report;
    if (output.format == Format.json) {
      List<Object> list = new ArrayList<>();
      for (JournalEntry e : entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("time", e.createdAt());
        m.put("user", e.user());
        m.put("scope", e.scope());
        m.put("namespace", e.namespace());
        m.put("operation", e.operation());
        m.put("rollsBack", e.rollsBack());
        m.put("state", e.state().label());
        m.put("changes", e.changes());
        m.put("resources", e.items().stream().map(JournalEntry.Item::description).toList());
        m.put("log", e.log());
        list.add(m);
      }
      report = Json.write(Map.of("schemaVersion", Json.SCHEMA_VERSION, "transactions", list));
    } else if (entries.isEmpty()) {
      report = "No transactions in " + session.journal().directory() + ".\n";
    } else {
      StringBuilder b = new StringBuilder();
      b.append(
          String.format("%-28s %-24s %-16s %-22s %s%n", "ID", "TIME", "USER", "STATE", "CHANGES"));
      for (JournalEntry e : entries) {
        b.append(
            String.format(
                "%-28s %-24s %-16s %-22s %s%n",
                e.id(),
                e.createdAt().length() > 24 ? e.createdAt().substring(0, 19) + "Z" : e.createdAt(),
                e.user(),
                e.state().label(),
                (e.namespace() == null ? "" : "in " + e.namespace() + ": ")
                    + String.join("; ", e.changes())));
      }
      report = b.toString();
    }
    output.emit(report, spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
