package io.sockwarden.windows.ports;

import io.sockwarden.model.PortExclusion;
import java.io.IOException;
import java.util.List;

/**
 * The port settings as the agent reads them: the IPv4 range from WMI, falling back to netsh when
 * WMI cannot answer (the source then says why); the IPv6 range, excluded ranges and every change
 * through netsh.
 */
public final class WindowsPortSettings implements PortSettings {
  private final WmiTcpSetting wmi;
  private final NetshPortSettings netsh;

  public WindowsPortSettings(WmiTcpSetting wmi, NetshPortSettings netsh) {
    this.wmi = wmi;
    this.netsh = netsh;
  }

  @Override
  public DynamicRange dynamicRange(String family) throws IOException {
    if (!family.equals("ipv4")) {
      return netsh.dynamicRange(family);
    }
    try {
      return wmi.ipv4Range();
    } catch (IOException | RuntimeException | LinkageError wmiFailure) {
      DynamicRange r;
      try {
        r = netsh.dynamicRange(family);
      } catch (IOException netshFailure) {
        netshFailure.addSuppressed(wmiFailure);
        throw new IOException(
            wmiFailure.getMessage() + "; " + netshFailure.getMessage(), netshFailure);
      }
      return new DynamicRange(
          r.family(), r.start(), r.count(), r.source() + " (WMI: " + wmiFailure.getMessage() + ")");
    }
  }

  @Override
  public List<PortExclusion> excludedRanges(String family) throws IOException {
    return netsh.excludedRanges(family);
  }

  @Override
  public void setDynamicRange(String family, int start, int count) throws IOException {
    netsh.setDynamicRange(family, start, count);
  }
}
