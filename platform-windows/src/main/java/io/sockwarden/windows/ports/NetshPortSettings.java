package io.sockwarden.windows.ports;

import io.sockwarden.model.PortExclusion;
import java.io.IOException;
import java.util.List;

/** The port settings through {@code netsh int ipv4|ipv6 ...} (only numbers are parsed). */
public final class NetshPortSettings implements PortSettings {
  private final CommandRunner runner;

  public NetshPortSettings(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public DynamicRange dynamicRange(String family) throws IOException {
    List<String> command = List.of("netsh", "int", check(family), "show", "dynamicport", "tcp");
    String source = String.join(" ", command);
    try {
      return NetshOutput.dynamicPort(runner.run(command), family, source);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<PortExclusion> excludedRanges(String family) throws IOException {
    List<String> command =
        List.of("netsh", "int", check(family), "show", "excludedportrange", "protocol=tcp");
    String source = String.join(" ", command);
    try {
      return NetshOutput.excludedRanges(runner.run(command), family, source);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void setDynamicRange(String family, int start, int count) throws IOException {
    runner.run(
        List.of(
            "netsh",
            "int",
            check(family),
            "set",
            "dynamicport",
            "tcp",
            "start=" + start,
            "num=" + count));
  }

  private static String check(String family) {
    if (!family.equals("ipv4") && !family.equals("ipv6")) {
      throw new IllegalArgumentException("address family must be ipv4 or ipv6: " + family);
    }
    return family;
  }
}
