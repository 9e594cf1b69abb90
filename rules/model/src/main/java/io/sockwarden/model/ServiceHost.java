package io.sockwarden.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The operating system's service manager, for an agent that runs as a system service it does not
 * reach through a POSIX launcher: on Windows the service control manager, which starts the agent's
 * JVM and talks to it through a dispatcher rather than signals. Implementations are found with
 * {@link java.util.ServiceLoader}; Linux has none (systemd runs {@code sockwarden run} and signals
 * it).
 *
 * <p>{@link #run} hosts a {@link Body} for the service manager: it reports start-up, running and
 * stopping, and maps the manager's controls to {@link Body#stop()} and {@link Body#reload()}. The
 * other methods register, remove and query the service without an installer.
 */
public interface ServiceHost {
  /** Whether this implementation can run on the host the JVM runs on. */
  boolean supportsCurrentHost();

  /** Where a service, which has no console, writes its log files. */
  Path logDirectory();

  /**
   * Runs {@code body} as the service {@code name}; returns when the service has stopped.
   *
   * @return the process exit code: 0 after a requested stop, else the failure's code
   * @throws ServiceHostException when this process was not started by the service manager
   */
  int run(String name, Body body);

  /**
   * Registers the service, with its description and recovery actions (restart after a failure).
   *
   * @return what could not be set once the service existed (its description, its recovery actions),
   *     one line each; empty when everything was set
   * @throws ServiceHostException when it exists already or cannot be created
   */
  List<String> install(Definition definition);

  /**
   * Stops the service if it runs (waiting for it to stop) and removes it.
   *
   * @throws ServiceHostException when it does not exist or cannot be stopped or removed
   */
  void uninstall(String name);

  /** The service's status, or empty when it is not installed. */
  Optional<Status> status(String name);

  /** Writes an entry to the operating system's event log, best effort (never throws). */
  void event(String source, EventKind kind, String message);

  /** What a service is: it starts (may fail), runs until asked to stop, and may reload. */
  interface Body {
    /**
     * Prepares to run: reads the configuration and rules.
     *
     * @throws StartFailure when it cannot start; its exit code tells the service manager why
     */
    void start();

    /** Runs until {@link #stop()}; a runtime exception is a failure of the service. */
    void run();

    /** Asks {@link #run()} to return soon; called from the service manager's thread. */
    void stop();

    /** Asks the service to re-read its configuration; called from the service manager's thread. */
    void reload();

    /** Reports one line of what happens (the service has no console); called from any thread. */
    void log(EventKind kind, String message);
  }

  /** The severity of a log line or event log entry. */
  enum EventKind {
    INFO,
    WARNING,
    ERROR
  }

  /** A start-up that failed, with the process exit code that says why. */
  final class StartFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public StartFailure(int exitCode, String message, Throwable cause) {
      super(message, cause);
      if (exitCode == 0) {
        throw new IllegalArgumentException("a start failure needs a non-zero exit code");
      }
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  /**
   * A service to register.
   *
   * @param name the service name ({@code Sockwarden})
   * @param displayName the name shown to administrators
   * @param description what it does, shown in the services console
   * @param commandLine the program and its arguments; each is quoted where needed
   * @param automatic start at boot (else on demand)
   */
  record Definition(
      String name,
      String displayName,
      String description,
      List<String> commandLine,
      boolean automatic) {
    public Definition {
      if (name.isBlank() || commandLine.isEmpty()) {
        throw new IllegalArgumentException("a service needs a name and a command line");
      }
      commandLine = List.copyOf(commandLine);
    }
  }

  /**
   * A service's status as the service manager reports it.
   *
   * @param state {@code running}, {@code stopped}, {@code start pending}, ...
   * @param pid the process id, 0 when not running
   * @param win32ExitCode the Win32 exit code (1066: see {@code serviceExitCode})
   * @param serviceExitCode the service's own exit code
   */
  record Status(String state, long pid, int win32ExitCode, int serviceExitCode) {}
}
