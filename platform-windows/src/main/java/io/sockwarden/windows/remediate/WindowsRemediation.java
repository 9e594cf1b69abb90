package io.sockwarden.windows.remediate;

import io.sockwarden.model.ApplyMode;
import io.sockwarden.model.Change;
import io.sockwarden.model.ChangeRejectedException;
import io.sockwarden.model.ChangeRejectedException.Reason;
import io.sockwarden.model.DynamicPortRangeChange;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.Listener;
import io.sockwarden.model.PortExclusion;
import io.sockwarden.model.PreparedChanges;
import io.sockwarden.model.RegistryChange;
import io.sockwarden.model.Remediation;
import io.sockwarden.model.Resource;
import io.sockwarden.model.ResourceWrite;
import io.sockwarden.model.WindowsFacts;
import io.sockwarden.windows.ports.DynamicRange;
import io.sockwarden.windows.ports.PortSettings;
import io.sockwarden.windows.registry.Registry;
import io.sockwarden.windows.registry.TcpipParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Windows remediation: a {@link RegistryChange} writes a DWORD under {@code Tcpip\Parameters}
 * (persistent, read at boot: a reboot is needed), a {@link DynamicPortRangeChange} sets the dynamic
 * port range with netsh (live and persistent, no reboot).
 *
 * <p>Only {@code MaxUserPort} (5000-65534) and {@code TcpTimedWaitDelay} (30-300) may be written. A
 * range must start at 1025 or above, hold at least 255 ports, end at 65535 at most, and must not
 * newly cover a port a service listens on or an excluded port range. Duplicates merge: the larger
 * MaxUserPort, the shorter TcpTimedWaitDelay, the wider range.
 */
public final class WindowsRemediation implements Remediation {
  private final Registry registry;
  private final PortSettings ports;

  public WindowsRemediation(Registry registry, PortSettings ports) {
    this.registry = registry;
    this.ports = ports;
  }

  @Override
  public String scope() {
    return "host";
  }

  /**
   * Only what this remediation writes: the two DWORDs under {@code Tcpip\Parameters} and the two
   * dynamic ranges. A journal entry planted in the state directory cannot name anything else.
   */
  @Override
  public Resource resource(String id) {
    if (id.startsWith(RegistryDwordResource.PREFIX)) {
      String name = id.substring(RegistryDwordResource.PREFIX.length());
      if (TcpipParameters.DWORDS.contains(name)) {
        return new RegistryDwordResource(registry, name);
      }
    }
    if (id.startsWith(DynamicRangeResource.PREFIX)) {
      String family = id.substring(DynamicRangeResource.PREFIX.length());
      if (family.equals("ipv4") || family.equals("ipv6")) {
        return new DynamicRangeResource(ports, family);
      }
    }
    throw new IllegalArgumentException("not a Windows resource the agent changes: " + id);
  }

  @Override
  public PreparedChanges prepare(List<Change> changes, HostFacts facts, ApplyMode mode)
      throws ChangeRejectedException {
    List<String> problems = new ArrayList<>();
    Map<String, Change> merged = merge(changes, problems);
    List<String> lines = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<ResourceWrite> writes = new ArrayList<>();
    for (Change change : merged.values()) {
      if (change instanceof RegistryChange r) {
        prepareRegistry(r, mode, lines, warnings, writes, problems);
      } else if (change instanceof DynamicPortRangeChange d) {
        prepareRange(d, facts, mode, lines, writes, problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new ChangeRejectedException(Reason.INVALID, problems);
    }
    return new PreparedChanges(List.copyOf(merged.values()), writes, lines, warnings);
  }

  private void prepareRegistry(
      RegistryChange r,
      ApplyMode mode,
      List<String> lines,
      List<String> warnings,
      List<ResourceWrite> writes,
      List<String> problems) {
    String path = "HKLM\\" + r.keyPath() + "\\" + r.valueName();
    long[] bounds = TcpipParameters.bounds(r.valueName());
    if (r.to() < bounds[0] || r.to() > bounds[1]) {
      problems.add(path + ": " + r.to() + " is outside " + bounds[0] + "-" + bounds[1]);
      return;
    }
    if (mode == ApplyMode.LIVE_ONLY) {
      problems.add(
          path
              + ": a registry value has no live side, Windows reads it at boot; apply without"
              + " --live-only");
      return;
    }
    OptionalLong now;
    try {
      now = registry.readDword(r.keyPath(), r.valueName());
    } catch (IOException e) {
      problems.add(path + ": cannot read it: " + e.getMessage());
      return;
    }
    String before = now.isPresent() ? Long.toString(now.getAsLong()) : "not set";
    boolean differs = now.isEmpty() || now.getAsLong() != r.to();
    lines.add(path + ":");
    lines.add(
        "    registry    "
            + before
            + " -> "
            + r.to()
            + (differs ? "" : "  (already)")
            + (r.rebootRequired() ? "  (reboot required)" : ""));
    if (differs) {
      writes.add(
          new ResourceWrite(
              new RegistryDwordResource(registry, r.valueName()),
              Optional.of(Long.toString(r.to()).getBytes(StandardCharsets.US_ASCII))));
      if (r.rebootRequired()) {
        warnings.add(
            r.valueName()
                + ": Windows reads it at boot; the new value takes effect after a reboot");
      }
    }
  }

  private void prepareRange(
      DynamicPortRangeChange d,
      HostFacts facts,
      ApplyMode mode,
      List<String> lines,
      List<ResourceWrite> writes,
      List<String> problems) {
    String what = "TCP dynamic port range (" + d.family() + ")";
    Optional<String> bad = DynamicRangeBounds.problem(d.toStart(), d.toCount());
    if (bad.isPresent()) {
      problems.add(what + ": " + bad.get());
      return;
    }
    if (mode != ApplyMode.LIVE_AND_PERSISTENT) {
      problems.add(
          what
              + ": netsh changes the range live and persistently at once; apply without "
              + (mode == ApplyMode.LIVE_ONLY ? "--live-only" : "--persist-only"));
      return;
    }
    DynamicRange now;
    try {
      now = ports.dynamicRange(d.family());
    } catch (IOException e) {
      problems.add(what + ": cannot read it: " + e.getMessage());
      return;
    }
    int low = d.toStart();
    int high = d.toEnd();
    TreeSet<Integer> listened = new TreeSet<>();
    for (Listener l : facts.listeners()) {
      boolean sameFamily = l.address().contains(":") == d.family().equals("ipv6");
      boolean newlyCovered = l.port() >= low && l.port() <= high && !within(l.port(), now);
      if (newlyCovered && (sameFamily || l.address().equals("::"))) {
        listened.add(l.port());
      }
    }
    if (!listened.isEmpty()) {
      problems.add(
          what
              + ": "
              + low
              + "-"
              + high
              + " would cover ports services listen on "
              + listened
              + "; choose a range above them");
    }
    if (facts.platform() instanceof WindowsFacts w) {
      for (PortExclusion e : w.exclusions()) {
        boolean overlaps = e.low() <= high && e.high() >= low;
        boolean alreadyInside = e.low() >= now.start() && e.high() <= now.end();
        if (e.family().equals(d.family()) && overlaps && !alreadyInside) {
          problems.add(
              what
                  + ": "
                  + low
                  + "-"
                  + high
                  + " would overlap the excluded port range "
                  + e.low()
                  + "-"
                  + e.high()
                  + "; choose a range beside it");
        }
      }
    }
    boolean differs = now.start() != d.toStart() || now.count() != d.toCount();
    lines.add(what + ":");
    lines.add(
        "    netsh       "
            + now.start()
            + "-"
            + now.end()
            + " ("
            + now.count()
            + " ports) -> "
            + low
            + "-"
            + high
            + " ("
            + d.toCount()
            + " ports)"
            + (differs ? "  (live, no reboot)" : "  (already)"));
    if (differs) {
      writes.add(
          new ResourceWrite(
              new DynamicRangeResource(ports, d.family()),
              Optional.of(DynamicRangeResource.content(d.toStart(), d.toCount()))));
    }
  }

  private static boolean within(int port, DynamicRange r) {
    return port >= r.start() && port <= r.end();
  }

  /** One change per setting: equal proposals collapse, others combine toward the safer side. */
  static Map<String, Change> merge(List<Change> changes, List<String> problems) {
    Map<String, Change> merged = new LinkedHashMap<>();
    for (Change change : changes) {
      if (change instanceof RegistryChange r) {
        if (!r.keyPath().equalsIgnoreCase(TcpipParameters.KEY)
            || !TcpipParameters.DWORDS.contains(r.valueName())) {
          problems.add(
              "HKLM\\"
                  + r.keyPath()
                  + "\\"
                  + r.valueName()
                  + ": the agent changes only "
                  + TcpipParameters.DWORDS
                  + " under HKLM\\"
                  + TcpipParameters.KEY);
          continue;
        }
        RegistryChange earlier = (RegistryChange) merged.get(r.valueName());
        if (earlier == null || earlier.to() == r.to()) {
          merged.put(r.valueName(), r);
        } else {
          boolean shorter = r.valueName().equals(TcpipParameters.TCP_TIMED_WAIT_DELAY);
          long to = shorter ? Math.min(earlier.to(), r.to()) : Math.max(earlier.to(), r.to());
          merged.put(
              r.valueName(),
              new RegistryChange(
                  r.keyPath(),
                  r.valueName(),
                  earlier.from(),
                  to,
                  earlier.rebootRequired() || r.rebootRequired()));
        }
      } else if (change instanceof DynamicPortRangeChange d) {
        String key = "range:" + d.family();
        DynamicPortRangeChange earlier = (DynamicPortRangeChange) merged.get(key);
        if (earlier == null) {
          merged.put(key, d);
        } else {
          int low = Math.min(earlier.toStart(), d.toStart());
          int high = Math.max(earlier.toEnd(), d.toEnd());
          merged.put(
              key,
              new DynamicPortRangeChange(
                  d.family(), earlier.fromStart(), earlier.fromCount(), low, high - low + 1));
        }
      } else {
        problems.add("not a Windows change: " + change.describe());
      }
    }
    return merged;
  }

  @Override
  public List<String> verify(PreparedChanges prepared) {
    return List.of();
  }
}
