package io.sockwarden.linux;

import io.sockwarden.linux.netns.NamespaceThread;
import io.sockwarden.linux.netns.NetnsDiscovery;
import io.sockwarden.linux.proc.FileNr;
import io.sockwarden.linux.proc.KernelRelease;
import io.sockwarden.linux.proc.NetstatFile;
import io.sockwarden.linux.proc.PortRanges;
import io.sockwarden.linux.proc.ProcText;
import io.sockwarden.linux.proc.ProcessTable;
import io.sockwarden.linux.proc.SockStatFile;
import io.sockwarden.linux.proc.SysctlFormat;
import io.sockwarden.linux.remediate.LinuxRemediation;
import io.sockwarden.linux.remediate.LiveAccess;
import io.sockwarden.linux.sockets.NetlinkSocketReader;
import io.sockwarden.linux.sockets.ProcNetTcpReader;
import io.sockwarden.linux.sockets.SocketCensus;
import io.sockwarden.linux.sockets.SocketReader;
import io.sockwarden.linux.sysctl.SysctlPrecedence;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.ConnectionCensus;
import io.sockwarden.model.EphemeralRange;
import io.sockwarden.model.FactGap;
import io.sockwarden.model.FileHandles;
import io.sockwarden.model.HostConventions;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.LinuxFacts;
import io.sockwarden.model.NamespaceFacts;
import io.sockwarden.model.NetCounter;
import io.sockwarden.model.NetworkNamespace;
import io.sockwarden.model.Platform;
import io.sockwarden.model.ProcessFiles;
import io.sockwarden.model.Remediation;
import io.sockwarden.model.SockStat;
import io.sockwarden.model.Sysctl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects Linux facts from the proc file system and the persistent sysctl configuration. Fails
 * soft: every file that cannot be read becomes a {@link CollectionProblem} and the rest is still
 * collected.
 */
public final class LinuxPlatform implements Platform {
  /** The kernel parameters Sockwarden reads (DESIGN §3). */
  public static final List<String> SYSCTL_KEYS =
      List.of(
          "net.core.somaxconn",
          "net.ipv4.tcp_max_syn_backlog",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_tw_reuse",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_max_tw_buckets",
          "fs.file-max",
          "fs.nr_open",
          "fs.file-nr");

  /** The TcpExt counters that are evidence of connection-capacity trouble. */
  public static final List<String> COUNTERS =
      List.of(
          "TcpExt.ListenOverflows",
          "TcpExt.ListenDrops",
          "TcpExt.TCPReqQFullDrop",
          "TcpExt.TCPReqQFullDoCookies",
          "TcpExt.SyncookiesSent",
          "TcpExt.SyncookiesRecv",
          "TcpExt.SyncookiesFailed",
          "TcpExt.TCPTimeWaitOverflow",
          "TcpExt.TWRecycled",
          "TcpExt.TW");

  /** The fact name of the socket census in {@link FactGap}s and rules' requirements. */
  public static final String SOCKETS = "sockets";

  /** The fact name of per-process descriptor use in {@link FactGap}s and rules' requirements. */
  public static final String PROCESSES = "processes";

  @Override
  public String name() {
    return "linux";
  }

  @Override
  public boolean supportsCurrentHost() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
  }

  @Override
  public Remediation remediation(CollectionContext context) {
    return new LinuxRemediation(context);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each read and write of a live value enters the namespace from a dedicated thread ({@link
   * NamespaceThread}) and checks it is still the one discovery saw. Needs the live {@code /proc}.
   * The agent's own namespace gets the ordinary remediation.
   */
  @Override
  public Remediation remediation(CollectionContext context, NetworkNamespace namespace) {
    if (namespace.kind() == NetworkNamespace.Kind.HOST) {
      return remediation(context);
    }
    if (!context.procRoot().toAbsolutePath().normalize().equals(Path.of("/proc"))) {
      throw new UnsupportedOperationException(
          "changing another network namespace needs the live /proc, not " + context.procRoot());
    }
    return new LinuxRemediation(
        context,
        namespace,
        LiveAccess.inside(namespace, new NamespaceThread(VISIT_TIMEOUT_SECONDS)));
  }

  @Override
  public HostConventions conventions() {
    return CONVENTIONS;
  }

  private static final LinuxConventions CONVENTIONS = new LinuxConventions();

  @Override
  public HostFacts collect(CollectionContext context) {
    Collector c = new Collector(context.procRoot(), context.procRoot(), "self");
    List<Sysctl> sysctls = new ArrayList<>();
    for (String key : SYSCTL_KEYS) {
      c.sysctl(key).ifPresent(sysctls::add);
    }
    Optional<EphemeralRange> range = c.ephemeralRange(sysctls);
    Optional<FileHandles> fileHandles =
        sysctls.stream()
            .filter(s -> s.key().equals("fs.file-nr"))
            .findFirst()
            .map(s -> FileNr.parse(s.value(), s.source()));

    Census census = census(context, c, range, Optional.empty());

    List<SockStat> sockStats = new ArrayList<>();
    sockStats.addAll(c.sockStat("net/sockstat"));
    sockStats.addAll(c.sockStat("net/sockstat6"));

    SysctlPrecedence.Result config = SysctlPrecedence.read(context);
    c.problems.addAll(config.problems());

    return new HostFacts(
        c.hostInfo(),
        c.counters(),
        range,
        census.sockets(),
        census.processes(),
        new LinuxFacts(sysctls, sockStats, config.bootValues(), fileHandles),
        c.gaps,
        c.problems);
  }

  @Override
  public boolean hasNetworkNamespaces() {
    return true;
  }

  @Override
  public List<NetworkNamespace> networkNamespaces(CollectionContext context) {
    return NetnsDiscovery.discover(context.procRoot(), context.root());
  }

  /** How long one namespace's collection may take before it is abandoned. */
  private static final long VISIT_TIMEOUT_SECONDS = 60;

  /**
   * {@inheritDoc}
   *
   * <p>The agent's own namespace is collected as {@link #collect} does. Every other one is entered
   * from a dedicated thread ({@link NamespaceThread}) that reads the per-namespace facts there:
   * {@code net.*} parameters from {@code /proc/sys}, counters and sockstat from {@code
   * /proc/thread-self/net}, the census over a netlink socket made on that thread, and listeners'
   * owners among the namespace's own processes. The host-wide facts ({@code fs.*}, file handles,
   * the boot configuration, which systemd-sysctl applies to the host's namespace only) are left out
   * as not applicable: they are judged once, in the agent's namespace. Needs the live {@code
   * /proc}.
   */
  @Override
  public List<NamespaceFacts> collectNamespaces(
      CollectionContext context, List<NetworkNamespace> namespaces) {
    List<NamespaceFacts> out = new ArrayList<>();
    boolean live = context.procRoot().toAbsolutePath().normalize().equals(Path.of("/proc"));
    try (NamespaceThread thread = new NamespaceThread(VISIT_TIMEOUT_SECONDS)) {
      for (NetworkNamespace ns : namespaces) {
        if (ns.kind() == NetworkNamespace.Kind.HOST) {
          out.add(NamespaceFacts.of(ns, collect(context)));
          continue;
        }
        if (!live) {
          out.add(
              notScanned(
                  ns,
                  " not entered: entering namespaces needs the live /proc, not "
                      + context.procRoot()));
          continue;
        }
        try {
          HostFacts facts =
              thread.run(Path.of(ns.entry()), ns.inode(), () -> collectInside(context, ns));
          out.add(NamespaceFacts.of(ns, facts));
        } catch (NamespaceThread.NotEntered e) {
          out.add(
              notScanned(
                  ns,
                  (e.gone() ? " disappeared before it was scanned (" : " could not be entered (")
                      + e.getMessage()
                      + ")"));
        } catch (IOException e) {
          out.add(notScanned(ns, " could not be scanned: " + e.getMessage()));
        }
      }
    }
    return out;
  }

  /** A namespace without facts: "namespace DESCRIPTION" followed by {@code why}. */
  private static NamespaceFacts notScanned(NetworkNamespace ns, String why) {
    return NamespaceFacts.missing(
        ns, new CollectionProblem(ns.entry(), "namespace " + ns.describe() + why));
  }

  /** The host-wide parameters: one value for the whole host, whatever the namespace. */
  static boolean hostWide(String key) {
    return key.startsWith("fs.");
  }

  /** Collects the per-namespace facts; runs on a thread inside the namespace. */
  private static HostFacts collectInside(CollectionContext context, NetworkNamespace ns) {
    Collector c =
        new Collector(context.procRoot(), context.procRoot().resolve("thread-self"), "thread-self");
    List<Sysctl> sysctls = new ArrayList<>();
    for (String key : SYSCTL_KEYS) {
      if (hostWide(key)) {
        c.gap(
            key,
            FactGap.Kind.NOT_APPLICABLE,
            "host-wide: judged once, in the host's namespace",
            "/proc/sys/" + key.replace('.', '/'));
      } else {
        c.sysctl(key).ifPresent(sysctls::add);
      }
    }
    Optional<EphemeralRange> range = c.ephemeralRange(sysctls);
    Census census = census(context, c, range, Optional.of(ns.pids()));
    List<SockStat> sockStats = new ArrayList<>();
    sockStats.addAll(c.sockStat("net/sockstat"));
    sockStats.addAll(c.sockStat("net/sockstat6"));
    return new HostFacts(
        c.hostInfo(),
        c.counters(),
        range,
        census.sockets(),
        census.processes(),
        new LinuxFacts(sysctls, sockStats, List.of(), Optional.empty()),
        c.gaps,
        c.problems);
  }

  /** The census's result: the sockets when they could be read, and the processes that matter. */
  private record Census(Optional<ConnectionCensus> sockets, List<ProcessFiles> processes) {}

  /**
   * Takes the socket census: netlink {@code inet_diag} for the live host (it exposes listeners'
   * backlogs), {@code /proc/net/tcp{,6}} under another proc root or where netlink is unavailable;
   * then finds listeners' owners and descriptor use under the proc root.
   */
  private static Census census(
      CollectionContext context,
      Collector c,
      Optional<EphemeralRange> knownRange,
      Optional<List<Integer>> pids) {
    EphemeralRange range =
        knownRange.orElse(new EphemeralRange("default", 32768, 60999, 0, "kernel default"));
    Path proc = context.procRoot();
    SocketCensus census = null;
    String source = null;
    if (proc.toAbsolutePath().normalize().equals(Path.of("/proc"))) {
      try {
        SocketCensus attempt = new SocketCensus(range.low(), range.high());
        new NetlinkSocketReader().read(SocketReader.ALL_STATES, attempt);
        census = attempt;
        source = "netlink inet_diag";
      } catch (IOException | RuntimeException | LinkageError e) {
        c.problem(
            "netlink inet_diag",
            "unavailable ("
                + e.getMessage()
                + "); read /proc/net/tcp instead, where listeners' backlogs are not visible");
      }
    }
    if (census == null) {
      ProcNetTcpReader reader = new ProcNetTcpReader(c.netOwner);
      SocketCensus attempt = new SocketCensus(range.low(), range.high());
      try {
        reader.read(SocketReader.ALL_STATES, attempt);
        census = attempt;
        source = c.netOwner.resolve("net/tcp") + ", " + c.netOwner.resolve("net/tcp6");
      } catch (IOException e) {
        c.gap(
            SOCKETS,
            e instanceof NoSuchFileException
                ? FactGap.Kind.NOT_APPLICABLE
                : FactGap.Kind.UNREADABLE,
            "cannot read sockets: " + e.getMessage(),
            c.netOwner.resolve("net/tcp").toString());
      }
    }
    Set<Long> listeners = census != null ? census.listenerInodes() : Set.of();
    ProcessTable processes =
        pids.isPresent()
            ? ProcessTable.scan(proc, listeners, pids.get())
            : ProcessTable.scan(proc, listeners);
    if (processes.seen() == 0) {
      c.gap(
          PROCESSES,
          FactGap.Kind.NOT_APPLICABLE,
          pids.isPresent()
              ? "no process runs in this namespace"
              : "no process directories (a proc root without processes)",
          proc.toString());
    }
    if (census == null) {
      return new Census(Optional.empty(), processes.processes());
    }
    ConnectionCensus sockets =
        new ConnectionCensus(
            census.states(source),
            census.listeners(processes::owner, source),
            census.destinations(source),
            source);
    return new Census(Optional.of(sockets), processes.processes());
  }

  /** One collection pass: reads under a proc root and accumulates gaps and problems. */
  private static final class Collector {
    private final Path proc;
    private final Path netOwner;
    private final String self;
    private final List<CollectionProblem> problems = new ArrayList<>();
    private final List<FactGap> gaps = new ArrayList<>();

    /**
     * @param proc the proc root: {@code sys/} and the process directories
     * @param netOwner whose {@code net/} directory holds the counters, sockstat and socket tables:
     *     the proc root itself, or {@code thread-self} under it for a thread inside another
     *     namespace
     * @param self {@code self} or {@code thread-self}: whose {@code ns/net} names the namespace
     */
    Collector(Path proc, Path netOwner, String self) {
      this.proc = proc;
      this.netOwner = netOwner;
      this.self = self;
    }

    void problem(String source, String message) {
      problems.add(new CollectionProblem(source, message));
    }

    void gap(String fact, FactGap.Kind kind, String detail, String source) {
      gaps.add(new FactGap(fact, kind, detail, source));
    }

    /** The lines of {@code file}; when it cannot be read, a gap for each of {@code facts}. */
    Optional<List<String>> lines(Path file, List<String> facts) {
      FactGap.Kind kind;
      String detail;
      try {
        return Optional.of(ProcText.lines(file));
      } catch (NoSuchFileException e) {
        kind = FactGap.Kind.NOT_APPLICABLE;
        detail = "not present (older kernel, or not this platform)";
      } catch (AccessDeniedException e) {
        kind = FactGap.Kind.UNREADABLE;
        detail = "permission denied";
      } catch (IOException | UncheckedIOException e) {
        kind = FactGap.Kind.UNREADABLE;
        detail = "cannot read: " + e.getMessage();
      }
      if (facts.isEmpty()) {
        problem(file.toString(), detail);
      }
      for (String fact : facts) {
        gap(fact, kind, detail, file.toString());
      }
      return Optional.empty();
    }

    Optional<List<String>> lines(Path file) {
      return lines(file, List.of());
    }

    /** A kernel parameter that was read and has the shape the kernel writes; else a gap. */
    Optional<Sysctl> sysctl(String key) {
      Path file = proc.resolve("sys").resolve(key.replace('.', '/'));
      Optional<Sysctl> read =
          lines(file, List.of(key)).map(l -> new Sysctl(key, String.join(" ", l), file.toString()));
      if (read.isPresent()) {
        Optional<String> malformed = SysctlFormat.problem(key, read.get().value());
        if (malformed.isPresent()) {
          gap(key, FactGap.Kind.UNPARSABLE, malformed.get(), file.toString());
          return Optional.empty();
        }
      }
      return read;
    }

    Optional<EphemeralRange> ephemeralRange(List<Sysctl> sysctls) {
      Optional<Sysctl> range =
          sysctls.stream().filter(s -> s.key().equals("net.ipv4.ip_local_port_range")).findFirst();
      if (range.isEmpty()) {
        return Optional.empty();
      }
      try {
        int[] lh = PortRanges.parseRange(range.get().value());
        int reserved = 0;
        Optional<Sysctl> reservedPorts =
            sysctls.stream()
                .filter(s -> s.key().equals("net.ipv4.ip_local_reserved_ports"))
                .findFirst();
        if (reservedPorts.isPresent()) {
          BitSet ports = PortRanges.parseList(reservedPorts.get().value());
          reserved = PortRanges.countWithin(ports, lh[0], lh[1]);
        }
        return Optional.of(
            new EphemeralRange(range.get().key(), lh[0], lh[1], reserved, range.get().source()));
      } catch (IllegalArgumentException e) {
        gap(range.get().key(), FactGap.Kind.UNPARSABLE, e.getMessage(), range.get().source());
        return Optional.empty();
      }
    }

    List<SockStat> sockStat(String relative) {
      Path file = netOwner.resolve(relative);
      List<String> malformed = new ArrayList<>();
      List<SockStat> parsed =
          lines(file).map(l -> SockStatFile.parse(l, file.toString(), malformed)).orElse(List.of());
      malformed.forEach(m -> problem(file.toString(), m));
      return parsed;
    }

    List<NetCounter> counters() {
      Path file = netOwner.resolve("net/netstat");
      List<String> malformed = new ArrayList<>();
      Optional<Map<String, Long>> read =
          lines(file, COUNTERS).map(l -> NetstatFile.parse(l, file.toString(), malformed));
      malformed.forEach(m -> problem(file.toString(), m));
      List<NetCounter> counters = new ArrayList<>();
      if (read.isEmpty()) {
        return counters;
      }
      Map<String, Long> all = read.get();
      for (String name : COUNTERS) {
        Long value = all.get(name);
        if (value == null) {
          gap(name, FactGap.Kind.NOT_APPLICABLE, "not present (older kernel)", file.toString());
        } else {
          counters.add(NetCounter.sinceBoot(name, value, file.toString()));
        }
      }
      return counters;
    }

    HostInfo hostInfo() {
      String release =
          lines(proc.resolve("sys/kernel/osrelease"))
              .map(l -> String.join("", l))
              .orElse("unknown");
      int[] version = KernelRelease.parse(release);
      Path probe = proc.resolve("sys/net/core/somaxconn");
      boolean writable = Files.isWritable(probe);
      String netns = "unknown";
      Path ns = proc.resolve(self).resolve("ns/net");
      try {
        netns = Files.readSymbolicLink(ns).toString();
      } catch (IOException | UnsupportedOperationException e) {
        problem(ns.toString(), "network namespace not visible: " + e.getMessage());
      }
      String hostname =
          lines(proc.resolve("sys/kernel/hostname")).map(l -> String.join("", l)).orElse("unknown");
      String bootId =
          lines(proc.resolve("sys/kernel/random/boot_id"))
              .map(l -> String.join("", l).trim())
              .orElse("unknown");
      return new HostInfo(
          hostname.trim(),
          "linux",
          release.trim(),
          version[0],
          version[1],
          writable,
          netns,
          bootId);
    }
  }
}
