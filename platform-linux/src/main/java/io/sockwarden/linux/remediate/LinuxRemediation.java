package io.sockwarden.linux.remediate;

import io.sockwarden.linux.proc.PortRanges;
import io.sockwarden.linux.sysctl.SysctlPrecedence;
import io.sockwarden.model.ApplyMode;
import io.sockwarden.model.BootValue;
import io.sockwarden.model.Change;
import io.sockwarden.model.ChangeRejectedException;
import io.sockwarden.model.ChangeRejectedException.Reason;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.Listener;
import io.sockwarden.model.NetworkNamespace;
import io.sockwarden.model.PreparedChanges;
import io.sockwarden.model.Remediation;
import io.sockwarden.model.Resource;
import io.sockwarden.model.ResourceWrite;
import io.sockwarden.model.Sysctl;
import io.sockwarden.model.SysctlAssignment;
import io.sockwarden.model.SysctlChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Linux remediation: each {@link SysctlChange} becomes a write of the live value under {@code
 * <proc>/sys} and a line in {@code <root>/etc/sysctl.d/90-sockwarden.conf}.
 *
 * <p>Preparing merges changes proposed twice (the larger number, the wider range), reserves the
 * ports of listeners that a wider ephemeral range would cover (in {@code ip_local_reserved_ports},
 * written first), validates every key and value, and refuses a persistent change that a later
 * sysctl file would override at boot.
 *
 * <p>Made for another network namespace than the agent's own, it reads and writes the live values
 * inside that namespace (through a {@link LiveAccess} that enters it) and writes no file: no
 * sysctl.d applies to a container's namespace, so the plan says how to keep the values in the
 * container's own definition instead.
 */
public final class LinuxRemediation implements Remediation {
  static final String RANGE = "net.ipv4.ip_local_port_range";
  static final String RESERVED = "net.ipv4.ip_local_reserved_ports";

  private final CollectionContext context;
  private final OwnedSysctlFile owned;
  private final Optional<NetworkNamespace> namespace;
  private final LiveAccess access;

  /** Changes the agent's own namespace: live values and the agent's sysctl file. */
  public LinuxRemediation(CollectionContext context) {
    this(context, Optional.empty(), LiveAccess.HERE);
  }

  /**
   * Changes the live values inside {@code namespace}, which {@code access} enters.
   *
   * @param namespace another network namespace than the agent's own
   */
  public LinuxRemediation(
      CollectionContext context, NetworkNamespace namespace, LiveAccess access) {
    this(context, Optional.of(namespace), access);
  }

  private LinuxRemediation(
      CollectionContext context, Optional<NetworkNamespace> namespace, LiveAccess access) {
    this.context = context;
    this.owned = new OwnedSysctlFile(context.underRoot("/" + OwnedSysctlFile.RELATIVE));
    this.namespace = namespace;
    this.access = access;
  }

  @Override
  public Optional<String> namespaceLabel() {
    return namespace.map(NetworkNamespace::label);
  }

  @Override
  public String scope() {
    if (namespace.isPresent()) {
      return namespace.get().link();
    }
    Path ns = context.procRoot().resolve("self/ns/net");
    try {
      return Files.readSymbolicLink(ns).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "unknown";
    }
  }

  /**
   * The resource a journal entry names. Only what this remediation itself writes is accepted: a
   * live kernel parameter exactly under {@code <proc-root>/sys/} with a well-formed key, or the
   * agent's own sysctl file under {@code <root>}. A journal entry planted in the state directory
   * therefore cannot make the agent write any other file.
   */
  @Override
  public Resource resource(String id) {
    if (id.startsWith(LiveSysctl.PREFIX)) {
      Path path = Path.of(id.substring(LiveSysctl.PREFIX.length()));
      Path sys = context.procRoot().resolve("sys").toAbsolutePath().normalize();
      if (path.isAbsolute() && path.normalize().equals(path) && path.startsWith(sys)) {
        String key = sys.relativize(path).toString().replace('/', '.');
        if (SysctlChange.isValidKey(key) && !key.contains("..")) {
          return live(key);
        }
      }
      throw new IllegalArgumentException(
          "not a kernel parameter under " + sys + " with a valid key: " + id);
    }
    if (id.startsWith(OwnedSysctlFile.PREFIX)) {
      Path path = Path.of(id.substring(OwnedSysctlFile.PREFIX.length()));
      if (path.equals(owned.path())) {
        return owned;
      }
      throw new IllegalArgumentException(
          "not the agent's own sysctl file " + owned.path() + ": " + id);
    }
    throw new IllegalArgumentException("not a Linux resource: " + id);
  }

  private LiveSysctl live(String key) {
    return new LiveSysctl(
        key,
        context
            .procRoot()
            .resolve("sys")
            .toAbsolutePath()
            .normalize()
            .resolve(key.replace('.', '/')),
        access);
  }

  @Override
  public PreparedChanges prepare(List<Change> changes, HostFacts facts, ApplyMode mode)
      throws ChangeRejectedException {
    List<String> problems = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    Map<String, SysctlChange> merged = merge(changes, problems);
    if (namespace.isPresent()) {
      refuseOutsideNamespace(merged, mode, problems);
    }
    for (String key : merged.keySet()) {
      readCurrent(key, current, problems);
    }
    if (merged.containsKey(RANGE) && !current.isEmpty() && problems.isEmpty()) {
      reserveListenerPorts(merged, facts, current, problems);
    }
    for (SysctlChange c : merged.values()) {
      String now = current.get(c.key());
      if (now == null) {
        continue;
      }
      SysctlBounds.problem(c.key(), c.to(), now).ifPresent(problems::add);
      SysctlBounds.forKernel(
              c.key(), c.to(), facts.host().kernelMajor(), facts.host().kernelMinor())
          .ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new ChangeRejectedException(Reason.INVALID, problems);
    }

    List<String> lines = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<ResourceWrite> writes = new ArrayList<>();
    List<String> notWritable = new ArrayList<>();
    SysctlPrecedence.Result config = SysctlPrecedence.read(context);
    Map<String, String> persist = new LinkedHashMap<>();
    List<String> overridden = new ArrayList<>();
    for (SysctlChange c : merged.values()) {
      String now = current.get(c.key());
      LiveSysctl live = live(c.key());
      boolean liveDiffers = !Sysctl.normalise(now).equals(c.to());
      lines.add(c.key() + ":");
      if (mode.live()) {
        lines.add("    live        " + now + " -> " + c.to() + (liveDiffers ? "" : "  (already)"));
        if (liveDiffers) {
          if (!writable(live)) {
            notWritable.add(
                live.path() + " is not writable (a read-only /proc/sys, as in most containers)");
          }
          writes.add(new ResourceWrite(live, Optional.of(bytes(c.to()))));
        }
      } else {
        lines.add("    live        " + now + " (unchanged: --persist-only)");
      }
      if (namespace.isPresent()) {
        lines.add(
            "    at boot     none: no sysctl.d applies to "
                + namespace.get().label()
                + "; the value lasts as long as the namespace");
        persist.put(c.key(), c.to());
      } else if (mode.persistent()) {
        persist.put(c.key(), c.to());
        Optional<BootValue> boot =
            config.bootValues().stream().filter(b -> b.key().equals(c.key())).findFirst();
        String before =
            boot.map(b -> b.value() + " from " + b.winner().location()).orElse("kernel default");
        List<SysctlAssignment> later =
            boot.map(b -> b.assignments().stream().filter(this::appliedAfterOwned).toList())
                .orElse(List.of());
        lines.add("    at boot     " + before + " -> " + c.to() + " from " + owned.path());
        for (SysctlAssignment a : later) {
          overridden.add(
              c.key()
                  + " would be overridden at boot by "
                  + a.location()
                  + " (= "
                  + a.value()
                  + "), which is applied after "
                  + owned.path()
                  + ": change or remove that line, or apply with --live-only");
        }
      } else {
        lines.add("    at boot     unchanged (--live-only): the live value is lost at reboot");
        warnings.add(c.key() + ": --live-only, the change does not survive a reboot");
      }
    }
    if (!overridden.isEmpty()) {
      throw new ChangeRejectedException(Reason.INVALID, overridden);
    }
    if (namespace.isPresent()) {
      lines.add("file: none written (the values are live in " + namespace.get().label() + " only)");
      List<String> advice = NamespaceAdvice.lines(namespace.get(), persist);
      if (!advice.isEmpty()) {
        lines.add("");
        lines.addAll(advice);
        warnings.add(
            "live values only: "
                + namespace.get().label()
                + " loses them when it is re-created (a container restart); keep them in its"
                + " definition as shown");
      }
    } else if (!persist.isEmpty()) {
      try {
        Optional<byte[]> before = owned.read();
        String text = before.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
        String after = OwnedFileContent.with(text, persist, owned.path().toString());
        if (!after.equals(text)) {
          writes.add(new ResourceWrite(owned, Optional.of(bytes(after))));
          lines.add("file " + owned.path() + (before.isEmpty() ? " (created):" : " (updated):"));
          after.lines().filter(l -> !l.startsWith("#")).forEach(l -> lines.add("    " + l));
        } else {
          lines.add("file " + owned.path() + ": already up to date");
        }
      } catch (IOException e) {
        notWritable.add(e.getMessage());
      }
    }
    if (!notWritable.isEmpty()) {
      throw new ChangeRejectedException(Reason.NOT_WRITABLE, notWritable);
    }
    if (writes.stream()
        .anyMatch(
            w -> w.resource() instanceof LiveSysctl l && l.key().equals("net.core.somaxconn"))) {
      warnings.add(
          "net.core.somaxconn: running services keep the backlog they got at listen(); restart"
              + " them to use the new value");
    }
    return new PreparedChanges(List.copyOf(merged.values()), writes, lines, warnings);
  }

  /** Whether {@code a} is applied after the owned file (a later name, or /etc/sysctl.conf). */
  private boolean appliedAfterOwned(SysctlAssignment a) {
    Path file = Path.of(a.file());
    if (file.toAbsolutePath().equals(owned.path())) {
      return false;
    }
    // /etc/sysctl.conf is read only through etc/sysctl.d/99-sysctl.conf, at that name's place.
    return file.getFileName().toString().compareTo(owned.path().getFileName().toString()) > 0;
  }

  /**
   * In another namespace: only live values of per-namespace ({@code net.*}) parameters; a host-wide
   * one would change the whole host, and there is no persistent side to write.
   */
  private void refuseOutsideNamespace(
      Map<String, SysctlChange> merged, ApplyMode mode, List<String> problems) {
    String label = namespace.orElseThrow().label();
    if (!mode.live()) {
      problems.add(
          "--persist-only: "
              + label
              + " has no persistent configuration Sockwarden writes (no sysctl.d applies to a"
              + " container's namespace); apply the live values, and keep them in its definition"
              + " as the plan shows");
    }
    for (String key : merged.keySet()) {
      if (!key.startsWith("net.")) {
        problems.add(
            key
                + " is host-wide, not per network namespace: changing it from "
                + label
                + " would change the whole host; change it without --namespace");
      }
    }
  }

  private boolean writable(LiveSysctl live) {
    try {
      return live.writable();
    } catch (IOException e) {
      return false;
    }
  }

  private void readCurrent(String key, Map<String, String> current, List<String> problems) {
    LiveSysctl live = live(key);
    try {
      if (!live.exists()) {
        problems.add(
            key
                + ": no such kernel parameter ("
                + live.path()
                + " does not exist"
                + namespace.map(n -> " in " + n.label()).orElse("")
                + ")");
        return;
      }
    } catch (IOException e) {
      problems.add(key + ": " + e.getMessage());
      return;
    }
    try {
      current.put(
          key, Sysctl.normalise(new String(live.read().orElseThrow(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      problems.add(key + ": cannot read " + live.path() + ": " + e.getMessage());
    }
  }

  /** One change per key: equal proposals collapse; numbers take the larger; ranges the wider. */
  static Map<String, SysctlChange> merge(List<Change> changes, List<String> problems) {
    Map<String, SysctlChange> merged = new LinkedHashMap<>();
    for (Change change : changes) {
      if (!(change instanceof SysctlChange c)) {
        problems.add("not a Linux change: " + change.describe());
        continue;
      }
      SysctlChange earlier = merged.get(c.key());
      if (earlier == null || earlier.to().equals(c.to())) {
        merged.put(c.key(), c);
        continue;
      }
      String to = combine(c.key(), earlier.to(), c.to());
      if (to == null) {
        problems.add(
            c.key()
                + ": two proposals disagree ("
                + earlier.to()
                + " and "
                + c.to()
                + "); apply one with --only");
      } else {
        merged.put(c.key(), new SysctlChange(c.key(), earlier.from(), to));
      }
    }
    return merged;
  }

  private static String combine(String key, String a, String b) {
    if (a.matches("\\d+") && b.matches("\\d+")) {
      return Long.parseLong(a) >= Long.parseLong(b) ? a : b;
    }
    if (key.equals(RANGE)) {
      try {
        int[] x = PortRanges.parseRange(a);
        int[] y = PortRanges.parseRange(b);
        return Math.min(x[0], y[0]) + " " + Math.max(x[1], y[1]);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (key.equals(RESERVED)) {
      BitSet ports = PortRanges.parseList(a);
      ports.or(PortRanges.parseList(b));
      return PortRanges.formatList(ports);
    }
    return null;
  }

  /**
   * A wider ephemeral range must not hand out ports services listen on: reserve every listener port
   * inside the new range, by adding it to ip_local_reserved_ports, written before the range.
   */
  private void reserveListenerPorts(
      Map<String, SysctlChange> merged,
      HostFacts facts,
      Map<String, String> current,
      List<String> problems) {
    int[] range;
    try {
      range = PortRanges.parseRange(merged.get(RANGE).to());
    } catch (IllegalArgumentException e) {
      return; // reported by validation
    }
    TreeSet<Integer> ports = new TreeSet<>();
    for (Listener l : facts.listeners()) {
      if (l.port() >= range[0] && l.port() <= range[1]) {
        ports.add(l.port());
      }
    }
    if (ports.isEmpty()) {
      return;
    }
    readCurrent(RESERVED, current, problems);
    String now = current.get(RESERVED);
    if (now == null) {
      return;
    }
    BitSet reserved = PortRanges.parseList(now.replace(' ', ','));
    BitSet wanted = (BitSet) reserved.clone();
    SysctlChange proposed = merged.get(RESERVED);
    if (proposed != null) {
      wanted.or(PortRanges.parseList(proposed.to()));
    }
    ports.forEach(wanted::set);
    if (wanted.equals(reserved)) {
      return;
    }
    Map<String, SysctlChange> reordered = new LinkedHashMap<>();
    reordered.put(
        RESERVED,
        new SysctlChange(RESERVED, now.isEmpty() ? "(empty)" : now, PortRanges.formatList(wanted)));
    merged.forEach((k, v) -> reordered.putIfAbsent(k, v));
    merged.clear();
    merged.putAll(reordered);
  }

  @Override
  public List<String> verify(PreparedChanges prepared) {
    List<String> problems = new ArrayList<>();
    boolean persisted = prepared.writes().stream().anyMatch(w -> w.resource() == owned);
    if (!persisted) {
      return problems;
    }
    SysctlPrecedence.Result config = SysctlPrecedence.read(context);
    for (Change change : prepared.changes()) {
      SysctlChange c = (SysctlChange) change;
      Optional<BootValue> boot =
          config.bootValues().stream().filter(b -> b.key().equals(c.key())).findFirst();
      if (boot.isEmpty() || !boot.get().value().equals(c.to())) {
        problems.add(
            c.key()
                + ": at boot it would be "
                + boot.map(b -> b.value() + " from " + b.winner().location())
                    .orElse("the kernel default")
                + ", not "
                + c.to());
      }
    }
    return problems;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
