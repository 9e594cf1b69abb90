package io.sockwarden.windows.ports;

import java.io.IOException;

/**
 * The dynamic port range as WMI's {@code ROOT\StandardCimv2 MSFT_NetTCPSetting} states it. The
 * class has no address family: Windows keeps one range per family, but the WMI provider shows the
 * IPv4 one, so this is used for IPv4 only.
 */
@FunctionalInterface
public interface WmiTcpSetting {
  /**
   * @throws IOException when the namespace or class is not available (Wine, Windows before 8 and
   *     Server 2012) or has no instance
   */
  DynamicRange ipv4Range() throws IOException;
}
