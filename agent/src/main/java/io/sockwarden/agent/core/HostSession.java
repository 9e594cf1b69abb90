package io.sockwarden.agent.core;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.journal.Checkpoints;
import io.sockwarden.agent.journal.Journal;
import io.sockwarden.agent.journal.StateLock;
import io.sockwarden.agent.journal.Transactions;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.HostConventions;
import io.sockwarden.model.NetworkNamespace;
import io.sockwarden.model.Platform;
import io.sockwarden.model.Remediation;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent's hold on one host: the platform, the host paths, the state directory and its journal.
 * Every front end (a command, the service loop, the Windows service) opens one and asks it to
 * {@link #recover()} before reading or changing anything, so that a transaction a dead process left
 * unfinished is restored first.
 *
 * <p>Opening refuses a state directory that someone with fewer privileges could have written (the
 * journal tells the agent what to write back as root). Not thread-safe; a long-running service
 * keeps one and uses it from its scheduler thread.
 */
public final class HostSession {
  private final Platform platform;
  private final CollectionContext context;
  private final Clock clock;
  private final Checkpoints checkpoints;
  private final Journal journal;
  private final Remediation remediation;

  private HostSession(
      Platform platform, CollectionContext context, Clock clock, Checkpoints checkpoints) {
    this.platform = platform;
    this.context = context;
    this.clock = clock;
    this.checkpoints = checkpoints;
    this.journal = new Journal(context.stateDir(), platform.conventions().files());
    this.remediation = platform.remediation(context);
  }

  /**
   * Opens a session on {@code platform} for the host paths of {@code context}.
   *
   * @throws AgentException (invalid) when the state directory or its journal is not trusted: a
   *     symbolic link, owned by another user, or writable by group or others
   */
  public static HostSession open(
      Platform platform, CollectionContext context, Clock clock, Checkpoints checkpoints) {
    HostSession session = new HostSession(platform, context, clock, checkpoints);
    session.checkStateDirectory();
    return session;
  }

  /** Opens a session on the platform of the host this JVM runs on. */
  public static HostSession open(CollectionContext context) {
    return open(Platforms.current(), context, Clock.systemUTC(), Checkpoints.installed());
  }

  private void checkStateDirectory() {
    for (Path dir : List.of(context.stateDir(), journal.directory())) {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      conventions()
          .trust()
          .stateDirectoryProblem(dir)
          .ifPresent(
              problem -> {
                throw new AgentException(
                    Failure.INVALID,
                    dir
                        + ": refusing to use the state directory: "
                        + problem
                        + " (the agent restores values from the journal there as root)");
              });
    }
  }

  public Platform platform() {
    return platform;
  }

  public CollectionContext context() {
    return context;
  }

  public HostConventions conventions() {
    return platform.conventions();
  }

  public Clock clock() {
    return clock;
  }

  public Journal journal() {
    return journal;
  }

  public Remediation remediation() {
    return remediation;
  }

  /** The transaction runner, acting as the user this process runs as. */
  public Transactions transactions() {
    return transactions(user());
  }

  /** The transaction runner, recording {@code actor} as who made the changes. */
  public Transactions transactions(String actor) {
    return transactions(actor, remediation);
  }

  /**
   * The transaction runner for changes through {@code in} (the agent's own namespace, or another
   * one from {@link #remediation(NetworkNamespace)}), recording {@code actor}. Transactions of
   * other namespaces are rolled back and recovered inside them, found again by their inode.
   */
  public Transactions transactions(String actor, Remediation in) {
    return new Transactions(journal, in, clock, checkpoints, actor, this::remediationIn);
  }

  /**
   * The one network namespace {@code selector} names: its label, its inode or {@code net:[INODE]},
   * as {@code scan --all-namespaces} shows them.
   *
   * @throws AgentException (invalid) when it names none or several
   */
  public NetworkNamespace namespace(String selector) {
    try {
      return NamespaceSelection.one(selector, platform.networkNamespaces(context));
    } catch (AgentException e) {
      if (conventions().privileged()) {
        throw e;
      }
      throw new AgentException(
          e.failure(),
          e.getMessage()
              + " (without "
              + conventions().privilegeRequirement()
              + " only the namespaces of your own processes are visible)");
    }
  }

  /**
   * The change side inside {@code namespace}: the session's own for the agent's namespace.
   *
   * @throws AgentException (operational) when the platform cannot change another namespace here
   */
  public Remediation remediation(NetworkNamespace namespace) {
    if (namespace.kind() == NetworkNamespace.Kind.HOST) {
      return remediation;
    }
    try {
      return platform.remediation(context, namespace);
    } catch (UnsupportedOperationException e) {
      throw new AgentException(Failure.OPERATIONAL, e.getMessage());
    }
  }

  /** The remediation inside the namespace whose link is {@code scope}, if it is on the host. */
  private Optional<Remediation> remediationIn(String scope) {
    if (scope.equals(remediation.scope())) {
      return Optional.of(remediation);
    }
    for (NetworkNamespace ns : platform.networkNamespaces(context)) {
      if (ns.link().equals(scope)) {
        return Optional.of(remediation(ns));
      }
    }
    return Optional.empty();
  }

  /**
   * Finishes what a dead process left: restores the originals of a transaction still in progress.
   * Never silent: when the journal cannot be read, or another agent holds the lock, the returned
   * lines say so, and the caller shows or logs them.
   *
   * @return what was done or could not be done, one line each; empty when there was nothing
   */
  public List<String> recover() {
    List<String> lines = new ArrayList<>();
    try {
      Files.readAttributes(journal.directory(), BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return lines;
    } catch (AccessDeniedException e) {
      lines.add(
          "warning: cannot check "
              + journal.directory()
              + " for an unfinished transaction (permission denied); the next command run as"
              + " root recovers it");
      return lines;
    } catch (IOException e) {
      lines.add("warning: cannot check " + journal.directory() + ": " + e.getMessage());
      return lines;
    }
    try {
      if (!journal.hasUnfinished()) {
        return lines;
      }
    } catch (IOException e) {
      lines.add(
          "warning: cannot check the journal for an unfinished transaction: " + e.getMessage());
      return lines;
    }
    if (!conventions().privileged()) {
      lines.add(
          "warning: a transaction in "
              + journal.directory()
              + " is unfinished; restoring it needs "
              + conventions().privilegeRequirement());
      return lines;
    }
    try (StateLock lock = StateLock.acquire(context.stateDir(), "recover", conventions().files())) {
      for (String line : transactions().recover()) {
        lines.add("recovery: " + line);
      }
    } catch (AgentException held) {
      if (held.failure() != Failure.OPERATIONAL) {
        throw held;
      }
      // Another agent holds the lock: the transaction is its own, in progress.
      lines.add("recovery deferred: " + held.getMessage());
    }
    return lines;
  }

  /**
   * Takes the state lock for a change.
   *
   * @throws AgentException (not privileged) when this process may not change the host;
   *     (operational) when another agent holds the lock or it cannot be taken
   */
  public StateLock lockForChange(String command) {
    requirePrivileged();
    return StateLock.acquire(context.stateDir(), command, conventions().files());
  }

  /** Refuses when the platform says this process may not change the host. */
  public void requirePrivileged() {
    if (!conventions().privileged()) {
      throw new AgentException(
          Failure.NOT_PRIVILEGED,
          "changing this host needs "
              + conventions().privilegeRequirement()
              + "; `sockwarden plan` shows the changes without privileges");
    }
  }

  /** Who runs the agent: {@code root}, or {@code root (sudo by alice)}. */
  public static String user() {
    String user = System.getProperty("user.name", "?");
    String sudo = System.getenv("SUDO_USER");
    return sudo != null && !sudo.equals(user) ? user + " (sudo by " + sudo + ")" : user;
  }
}
