package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.ExitCodes;
import io.sockwarden.agent.journal.Checkpoints;
import io.sockwarden.agent.journal.Journal;
import io.sockwarden.agent.journal.StateLock;
import io.sockwarden.agent.journal.Transactions;
import io.sockwarden.agent.scan.Platforms;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.Platform;
import io.sockwarden.model.Remediation;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * What every host command starts with: the platform, and recovery of a transaction a dead process
 * left unfinished (before anything else is read or changed).
 */
final class HostSession {
  final CollectionContext context;
  final Platform platform;
  final Journal journal;

  private HostSession(CollectionContext context) {
    this.context = context;
    this.platform = Platforms.current();
    this.journal = new Journal(context.stateDir());
  }

  /**
   * Opens a session and, when the journal has a transaction in progress and no other agent holds
   * the lock (a live holder is still working on it), restores that transaction's originals.
   */
  static HostSession open(CollectionContext context, PrintWriter err) {
    HostSession s = new HostSession(context);
    try {
      if (!s.journal.hasUnfinished()) {
        return s;
      }
    } catch (IOException e) {
      throw new AgentException(ExitCodes.OPERATIONAL, "cannot read the journal: " + e.getMessage());
    }
    try (StateLock lock = StateLock.acquire(context.stateDir(), "recover")) {
      for (String line : s.transactions().recover()) {
        err.println("sockwarden: recovery: " + line);
      }
      err.flush();
    } catch (AgentException held) {
      // Another agent holds the lock: the transaction is its own, in progress.
      if (held.exitCode() != ExitCodes.OPERATIONAL) {
        throw held;
      }
    }
    return s;
  }

  Remediation remediation() {
    return platform.remediation(context);
  }

  Transactions transactions() {
    return new Transactions(
        journal, remediation(), Clock.systemUTC(), Checkpoints.fromEnvironment(), user());
  }

  /** Takes the state lock for a change; refuses without privileges (exit 77). */
  StateLock lockForChange(String command) {
    requirePrivileged(remediation());
    return StateLock.acquire(context.stateDir(), command);
  }

  /** Refuses, with exit code 77, when the platform says this process may not change the host. */
  static void requirePrivileged(Remediation remediation) {
    if (!remediation.privileged()) {
      throw new AgentException(
          ExitCodes.NO_PRIVILEGE,
          "changing this host needs root (run it with sudo); `sockwarden plan` shows the changes"
              + " without privileges");
    }
  }

  static String user() {
    String user = System.getProperty("user.name", "?");
    String sudo = System.getenv("SUDO_USER");
    return sudo != null && !sudo.equals(user) ? user + " (sudo by " + sudo + ")" : user;
  }
}
