package io.sockwarden.windows.ports;

import com.sun.jna.platform.win32.COM.WbemcliUtil;
import java.io.IOException;
import oshi.util.platform.windows.WmiQueryHandler;

/** {@link WmiTcpSetting} through OSHI's WMI query handler (which initializes COM). */
public final class OshiWmiTcpSetting implements WmiTcpSetting {
  static final String NAMESPACE = "ROOT\\StandardCimv2";
  static final String SOURCE = "WMI ROOT\\StandardCimv2 MSFT_NetTCPSetting";

  /** The properties queried; the names are WMI's. */
  enum Property {
    SettingName,
    DynamicPortRangeStartPort,
    DynamicPortRangeNumberOfPorts
  }

  @Override
  public DynamicRange ipv4Range() throws IOException {
    WmiQueryHandler handler = WmiQueryHandler.createInstance();
    if (handler == null) {
      throw new IOException(SOURCE + ": no WMI query handler");
    }
    WbemcliUtil.WmiResult<Property> result;
    try {
      result =
          handler.queryWMI(
              new WbemcliUtil.WmiQuery<>(NAMESPACE, "MSFT_NetTCPSetting", Property.class));
    } catch (RuntimeException e) {
      throw new IOException(SOURCE + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < result.getResultCount(); i++) {
      int start = number(result.getValue(Property.DynamicPortRangeStartPort, i));
      int count = number(result.getValue(Property.DynamicPortRangeNumberOfPorts, i));
      if (start > 0 && count > 0) {
        try {
          return new DynamicRange("ipv4", start, count, SOURCE);
        } catch (IllegalArgumentException e) {
          throw new IOException(SOURCE + ": " + e.getMessage(), e);
        }
      }
    }
    throw new IOException(SOURCE + ": not available (no instance with a dynamic port range)");
  }

  private static int number(Object value) {
    return value instanceof Number n ? n.intValue() : -1;
  }
}
