package io.sockwarden.linux.proc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /proc/sys/kernel/osrelease}, e.g. {@code 6.1.0-18-amd64}: the major and minor version. */
public final class KernelRelease {
  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

  private KernelRelease() {}

  /** {@code {major, minor}}, or {@code {0, 0}} when the release does not start with them. */
  public static int[] parse(String release) {
    Matcher m = VERSION.matcher(release.trim());
    if (!m.find()) {
      return new int[] {0, 0};
    }
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }
}
