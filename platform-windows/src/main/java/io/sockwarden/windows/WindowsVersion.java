package io.sockwarden.windows;

import io.sockwarden.windows.registry.Registry;
import io.sockwarden.windows.registry.RegistryException;
import io.sockwarden.windows.registry.TcpipParameters;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The OS product, version and build from {@code HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion}.
 * Windows 10 and later report {@code CurrentVersion} as 6.3 for compatibility; their real version
 * is in {@code CurrentMajorVersionNumber} and {@code CurrentMinorVersionNumber}.
 *
 * @param product e.g. {@code Windows Server 2019 Datacenter 1809}
 * @param major 10 for Windows 10/11 and Server 2016+, 6 for Vista to 8.1, 5 for XP and 2003
 * @param minor the minor version
 * @param build e.g. 17763
 */
record WindowsVersion(String product, int major, int minor, int build) {
  static final String SOURCE = "HKLM\\" + TcpipParameters.CURRENT_VERSION;

  /** {@code 10.0.17763}. */
  String release() {
    return major + "." + minor + "." + build;
  }

  static WindowsVersion read(Registry registry) throws RegistryException {
    String key = TcpipParameters.CURRENT_VERSION;
    String product = first(registry, key, "ProductName").orElse("Windows");
    Optional<String> display =
        first(registry, key, "DisplayVersion").or(() -> first(registry, key, "ReleaseId"));
    int build = number(first(registry, key, "CurrentBuildNumber").orElse("0"));
    OptionalLong major = registry.readDword(key, "CurrentMajorVersionNumber");
    int maj;
    int min;
    if (major.isPresent()) {
      maj = (int) major.getAsLong();
      min = (int) registry.readDword(key, "CurrentMinorVersionNumber").orElse(0);
    } else {
      String[] v = first(registry, key, "CurrentVersion").orElse("0.0").split("\\.");
      maj = number(v[0]);
      min = v.length > 1 ? number(v[1]) : 0;
    }
    return new WindowsVersion(product + display.map(d -> " " + d).orElse(""), maj, min, build);
  }

  private static Optional<String> first(Registry registry, String key, String name) {
    try {
      return registry.readStrings(key, name).flatMap(l -> l.stream().findFirst());
    } catch (RegistryException e) {
      return Optional.empty();
    }
  }

  private static int number(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
