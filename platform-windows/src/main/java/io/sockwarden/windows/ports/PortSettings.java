package io.sockwarden.windows.ports;

import io.sockwarden.model.PortExclusion;
import java.io.IOException;
import java.util.List;

/**
 * Reads and sets the TCP dynamic port range and reads excluded port ranges, per address family
 * ({@code ipv4}, {@code ipv6}). Every failure is an {@link IOException} saying why, never a
 * default.
 */
public interface PortSettings {
  DynamicRange dynamicRange(String family) throws IOException;

  List<PortExclusion> excludedRanges(String family) throws IOException;

  /** Sets the range; takes effect at once and persists, without a reboot. */
  void setDynamicRange(String family, int start, int count) throws IOException;
}
