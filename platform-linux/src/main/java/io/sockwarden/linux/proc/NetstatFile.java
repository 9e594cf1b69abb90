package io.sockwarden.linux.proc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /proc/net/netstat} and {@code /proc/net/snmp}: pairs of lines, a header naming the
 * counters and a line with their values, both prefixed by the group:
 *
 * <pre>
 * TcpExt: SyncookiesSent SyncookiesRecv ... ListenOverflows ListenDrops ...
 * TcpExt: 0 0 ... 573 573 ...
 * </pre>
 *
 * Counters are returned as {@code Group.Name}, e.g. {@code TcpExt.ListenOverflows}.
 */
public final class NetstatFile {
  private NetstatFile() {}

  /**
   * Parses header/value line pairs. A pair whose groups or lengths do not match, or whose values
   * are not numbers, is skipped and reported in {@code malformed}.
   */
  public static Map<String, Long> parse(List<String> lines, String source, List<String> malformed) {
    Map<String, Long> counters = new LinkedHashMap<>();
    for (int i = 0; i + 1 < lines.size(); i += 2) {
      String[] names = lines.get(i).trim().split("\\s+");
      String[] values = lines.get(i + 1).trim().split("\\s+");
      if (names.length < 2
          || !names[0].endsWith(":")
          || !names[0].equals(values[0])
          || names.length != values.length) {
        malformed.add(
            source + ":" + (i + 1) + ": header and value lines do not match; group skipped");
        continue;
      }
      String group = names[0].substring(0, names[0].length() - 1);
      for (int k = 1; k < names.length; k++) {
        try {
          counters.put(group + "." + names[k], Long.parseLong(values[k]));
        } catch (NumberFormatException e) {
          malformed.add(source + ":" + (i + 2) + ": " + names[k] + " = '" + values[k] + "'");
        }
      }
    }
    if (lines.size() % 2 != 0) {
      malformed.add(source + ":" + lines.size() + ": header line without values");
    }
    return counters;
  }
}
