package io.sockwarden.windows;

import io.sockwarden.model.PortExclusion;
import io.sockwarden.windows.ports.DynamicRange;
import io.sockwarden.windows.ports.PortSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Port settings in memory, as netsh would keep them; a family can be made to fail. */
public final class FakePortSettings implements PortSettings {
  private final Map<String, int[]> ranges = new HashMap<>();
  private final Map<String, List<PortExclusion>> excluded = new HashMap<>();
  private final List<String> failing = new ArrayList<>();
  public final List<String> sets = new ArrayList<>();

  public FakePortSettings() {
    ranges.put("ipv4", new int[] {49152, 16384});
    ranges.put("ipv6", new int[] {49152, 16384});
  }

  public FakePortSettings range(String family, int start, int count) {
    ranges.put(family, new int[] {start, count});
    return this;
  }

  public FakePortSettings exclude(PortExclusion e) {
    excluded.computeIfAbsent(e.family(), f -> new ArrayList<>()).add(e);
    return this;
  }

  /** Every call fails, as netsh and WMI do under Wine. */
  public FakePortSettings failing(String family) {
    failing.add(family);
    return this;
  }

  @Override
  public DynamicRange dynamicRange(String family) throws IOException {
    check(family);
    int[] r = ranges.get(family);
    return new DynamicRange(family, r[0], r[1], "fake netsh int " + family);
  }

  @Override
  public List<PortExclusion> excludedRanges(String family) throws IOException {
    check(family);
    return excluded.getOrDefault(family, List.of());
  }

  @Override
  public void setDynamicRange(String family, int start, int count) throws IOException {
    check(family);
    sets.add(family + " start=" + start + " num=" + count);
    ranges.put(family, new int[] {start, count});
  }

  private void check(String family) throws IOException {
    if (failing.contains(family)) {
      throw new IOException("netsh int " + family + ": found 0 numbers in: (no output)");
    }
  }
}
