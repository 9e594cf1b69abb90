package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.agent.core.HostSession;
import io.sockwarden.agent.core.Platforms;
import io.sockwarden.agent.core.ServiceHosts;
import io.sockwarden.agent.logging.ServiceLogging;
import io.sockwarden.agent.service.AgentService;
import io.sockwarden.model.DurableFiles;
import io.sockwarden.model.Finding;
import io.sockwarden.model.HostConventions;
import io.sockwarden.model.ServiceHost;
import io.sockwarden.model.ServiceHostException;
import io.sockwarden.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sockwarden service run|install|uninstall|status}: the agent as a Windows service. */
@Command(
    name = "service",
    header = "The Windows service: run it, install it, remove it, show its status.",
    description = {
      "The agent as a Windows service named Sockwarden, hosted by java.exe: the MSI installs"
          + " and starts it; these commands do the same for an unpacked zip. Windows only; on"
          + " Linux the systemd unit runs 'sockwarden run'."
    },
    subcommands = {
      ServiceCommand.Run.class,
      ServiceCommand.Install.class,
      ServiceCommand.Uninstall.class,
      ServiceCommand.Status.class
    })
public final class ServiceCommand implements Callable<Integer> {
  /** The service's name, its event log source and its display name's start. */
  static final String NAME = "Sockwarden";

  static final String DISPLAY_NAME = "Sockwarden agent";

  static final String DESCRIPTION =
      "Scans this host for TCP connection-capacity problems (ephemeral ports, TIME_WAIT) on a"
          + " schedule; writes reports and metrics under %ProgramData%\\Sockwarden.";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** A service manager's refusal as the agent's failure: no rights is exit 77, else 1. */
  static AgentException failure(ServiceHostException e) {
    return new AgentException(
        e.reason() == ServiceHostException.Reason.ACCESS_DENIED
            ? Failure.NOT_PRIVILEGED
            : Failure.OPERATIONAL,
        e.getMessage());
  }

  /** {@code sockwarden service run}: what the service control manager starts. */
  @Command(
      name = "run",
      header = "Run as the Windows service (started by the service control manager).",
      description = {
        "What the service control manager runs: the same loop as 'sockwarden run' (scheduled"
            + " scans, reports, metrics, optional automatic fixes), reporting start-up, running"
            + " and stopping to the service control manager. Stop and system shutdown stop it"
            + " after the cycle in progress; 'sc control Sockwarden paramchange' re-reads the"
            + " configuration and rules.",
        "",
        "It logs to %ProgramData%\\Sockwarden\\logs\\sockwarden.log (rotated at 10 MB, 5 kept)"
            + " from its first line, and start, stop, failures and new critical findings to the"
            + " Application event log (source Sockwarden). At its first start it writes a"
            + " default %ProgramData%\\Sockwarden\\agent.yaml. A failed start stops the service"
            + " with a service-specific exit code (2: bad configuration or rules) that 'sc query"
            + " Sockwarden' shows."
      })
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin HostPathOptions paths;
    @Mixin ConfigOptions config;

    @Override
    public Integer call() {
      ServiceHost host = ServiceHosts.current();
      Path logFile;
      try {
        logFile =
            ServiceLogging.configureFile(
                host.logDirectory(),
                (level, message) ->
                    host.event(
                        NAME,
                        level.equals("ERROR")
                            ? ServiceHost.EventKind.ERROR
                            : ServiceHost.EventKind.WARNING,
                        message));
      } catch (UncheckedIOException e) {
        throw new AgentException(
            Failure.OPERATIONAL, e.getMessage() + ": " + e.getCause().getMessage());
      }
      Logger log = LoggerFactory.getLogger("sockwarden.service");
      log.info(
          "sockwarden {} starting as the {} service (Java {}, pid {}); log {}",
          Sockwarden.version(),
          NAME,
          System.getProperty("java.version"),
          ProcessHandle.current().pid(),
          logFile);
      try {
        return host.run(NAME, new AgentBody(this, log));
      } catch (ServiceHostException e) {
        if (e.reason() != ServiceHostException.Reason.NOT_A_SERVICE) {
          throw failure(e);
        }
        log.error("not started by the service control manager: {}", e.getMessage());
        throw new AgentException(
            Failure.INVALID,
            "'service run' is what the service control manager starts (net start "
                + NAME
                + "); to run the agent in a console use 'sockwarden run'");
      }
    }
  }

  /** The agent's loop as a service body: {@link AgentService}, unchanged. */
  static final class AgentBody implements ServiceHost.Body {
    private final Run command;
    private final Logger log;
    private final Logger events = LoggerFactory.getLogger("sockwarden.events");
    private volatile AgentService service;
    private Set<String> critical = Set.of();

    AgentBody(Run command, Logger log) {
      this.command = command;
      this.log = log;
    }

    @Override
    public void start() {
      try {
        StringWriter recovery = new StringWriter();
        HostSession session;
        try (PrintWriter err = new PrintWriter(recovery)) {
          session = Front.host(command.paths, err);
        }
        recovery.toString().lines().forEach(l -> log.warn(l));
        HostConventions conventions = session.conventions();
        if (command.config.config == null) {
          writeDefaultConfig(conventions, log);
        }
        AgentService s =
            new AgentService(
                session,
                RunCommand.loader(command.config, conventions, null, null),
                Clock.systemUTC(),
                ZoneId.systemDefault(),
                Sockwarden.version());
        s.onCycle(this::reportCritical);
        s.startHttp();
        log.info(RunCommand.startedLine(s));
        service = s;
      } catch (AgentException e) {
        throw new ServiceHost.StartFailure(ExitCodes.of(e.failure()), e.getMessage(), e);
      }
    }

    @Override
    public void run() {
      service.run();
    }

    @Override
    public void stop() {
      AgentService s = service;
      if (s != null) {
        s.requestStop();
      }
    }

    @Override
    public void reload() {
      AgentService s = service;
      if (s != null) {
        s.requestReload();
      }
    }

    @Override
    public void log(ServiceHost.EventKind kind, String message) {
      switch (kind) {
        case INFO -> log.info(message);
        case WARNING -> log.warn(message);
        case ERROR -> log.error(message);
      }
    }

    /** Critical findings that were not critical in the previous cycle go to the event log. */
    private void reportCritical(AgentService.CycleResult result) {
      if (result.scan().isEmpty()) {
        return;
      }
      List<Finding> now =
          result.scan().get().findings().stream()
              .filter(f -> f.severity() == Severity.CRITICAL)
              .toList();
      Set<String> ids =
          now.stream().map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new));
      for (Finding f : now) {
        if (!critical.contains(f.ruleId())) {
          events.error("critical finding {}: {}", f.ruleId(), f.title());
        }
      }
      critical = ids;
    }
  }

  /** {@code @HOME@\\a\\b} in the default configuration: a path under the agent's folder. */
  private static final Pattern HOME_PATH = Pattern.compile("@HOME@((?:\\\\[^\\s\\\\]+)*)");

  /**
   * Writes the default configuration when there is none: an MSI cannot keep a file it installed
   * through an uninstall or upgrade (wixl ignores Permanent and NeverOverwrite), so the service
   * makes it, and the installer leaves it alone. Also creates the default metrics folder.
   */
  static Optional<Path> writeDefaultConfig(HostConventions conventions, Logger log) {
    Path file = conventions.defaultConfigFile();
    Path home = file.getParent();
    try {
      Files.createDirectories(home.resolve("metrics"));
      if (Files.exists(file)) {
        return Optional.empty();
      }
      String text;
      try (InputStream in = ServiceCommand.class.getResourceAsStream("windows-agent.yaml")) {
        if (in == null) {
          throw new IOException("windows-agent.yaml missing from the agent jar");
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      // "@HOME@\\a\\b" in the template is home/a/b with this platform's separator
      Matcher m = HOME_PATH.matcher(text);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        Path p = home;
        for (String part : m.group(1).split("\\\\")) {
          p = part.isEmpty() ? p : p.resolve(part);
        }
        m.appendReplacement(b, Matcher.quoteReplacement(p.toString()));
      }
      m.appendTail(b);
      text = b.toString().replace("\n", System.lineSeparator());
      conventions
          .files()
          .write(file, text.getBytes(StandardCharsets.UTF_8), DurableFiles.Visibility.PUBLIC);
      log.info("wrote the default configuration {}", file);
      return Optional.of(file);
    } catch (IOException e) {
      log.warn("cannot write the default configuration {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code sockwarden service install}. */
  @Command(
      name = "install",
      header = "Install the Windows service (for an unpacked zip; the MSI does this itself).",
      description = {
        "Registers the service Sockwarden, running as LocalSystem, started at boot (or on demand"
            + " with --manual), with this JVM's java.exe and this installation's agent jar, and"
            + " restart on failure after 30 s, 60 s, then every 5 minutes. Start it with 'net"
            + " start Sockwarden'. Needs an elevated administrator (exit 77 otherwise)."
      })
  static final class Install implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--manual", description = "Start on demand only, not at boot.")
    boolean manual;

    @Override
    public Integer call() {
      ServiceHost host = ServiceHosts.current();
      HostConventions conventions = Platforms.current().conventions();
      List<String> commandLine =
          commandLine(
              javaExecutable(), agentJar(), conventions.defaultCacheDir(), host.logDirectory());
      List<String> problems;
      try {
        problems =
            host.install(
                new ServiceHost.Definition(NAME, DISPLAY_NAME, DESCRIPTION, commandLine, !manual));
      } catch (ServiceHostException e) {
        throw failure(e);
      }
      PrintWriter err = spec.commandLine().getErr();
      problems.forEach(p -> err.println("sockwarden: warning: " + p));
      err.flush();
      PrintWriter out = spec.commandLine().getOut();
      out.println("installed the service " + NAME + ": " + String.join(" ", commandLine));
      out.println("start it with: net start " + NAME);
      out.flush();
      return ExitCodes.OK;
    }
  }

  /**
   * The service's command line: short (the jar's manifest names the others in lib\) and with the
   * JNA native library and JVM crash files in the agent's own folders.
   */
  static List<String> commandLine(Path java, Path jar, Path cacheDir, Path logDir) {
    return List.of(
        java.toString(),
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Djna.tmpdir=" + cacheDir.resolve("jna"),
        "-XX:ErrorFile=" + logDir.resolve("hs_err_pid%p.log"),
        "-jar",
        jar.toString(),
        "service",
        "run");
  }

  private static Path javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .map(Path::of)
        .orElseThrow(
            () -> new AgentException(Failure.OPERATIONAL, "cannot tell which java.exe runs this"));
  }

  private static Path agentJar() {
    try {
      Path location =
          Path.of(Sockwarden.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!location.getFileName().toString().endsWith(".jar")) {
        throw new AgentException(
            Failure.INVALID,
            "service install needs the installed agent jar (lib\\sockwarden-agent-*.jar), not "
                + location);
      }
      return location;
    } catch (URISyntaxException | SecurityException e) {
      throw new AgentException(Failure.OPERATIONAL, "cannot locate the agent jar: " + e);
    }
  }

  /** {@code sockwarden service uninstall}. */
  @Command(
      name = "uninstall",
      header = "Stop and remove the Windows service.",
      description = {
        "Stops the service (waiting up to 150 s for the cycle in progress) and removes it. The"
            + " configuration, rules, journal, reports and logs under %ProgramData%\\Sockwarden"
            + " stay. Exit 1 when it is not installed."
      })
  static final class Uninstall implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try {
        ServiceHosts.current().uninstall(NAME);
      } catch (ServiceHostException e) {
        throw failure(e);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "removed the service "
              + NAME
              + "; configuration, journal, reports and logs under %ProgramData%\\Sockwarden are"
              + " kept");
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code sockwarden service status}. */
  @Command(
      name = "status",
      header = "Show the Windows service's state.",
      description = {
        "Prints the service's state, process id and last exit code. Exit 0 when it is"
            + " installed (whatever its state), 1 when it is not."
      })
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Optional<ServiceHost.Status> status;
      try {
        status = ServiceHosts.current().status(NAME);
      } catch (ServiceHostException e) {
        throw failure(e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (status.isEmpty()) {
        out.println(NAME + ": not installed");
        out.flush();
        return ExitCodes.OPERATIONAL;
      }
      out.println(describe(status.get()));
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code Sockwarden: running, pid 4242}, or the last exit code of a failed service. */
  static String describe(ServiceHost.Status s) {
    StringBuilder b = new StringBuilder(NAME + ": " + s.state());
    if (s.pid() != 0) {
      b.append(", pid ").append(s.pid());
    }
    if (s.win32ExitCode() == 1066) {
      b.append(", last exit code ").append(s.serviceExitCode());
    } else if (s.win32ExitCode() != 0) {
      b.append(", Win32 error ").append(s.win32ExitCode());
    }
    return b.toString();
  }
}
