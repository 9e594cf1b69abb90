package io.sockwarden.linux.proc;

import io.sockwarden.model.SockStat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /proc/net/sockstat} and {@code sockstat6}: one line per protocol, {@code PROTO: name value
 * name value ...}, e.g. {@code TCP: inuse 5 orphan 0 tw 2 alloc 7 mem 1}. The first line, {@code
 * sockets: used N}, is kept as protocol {@code sockets}.
 */
public final class SockStatFile {
  private SockStatFile() {}

  /**
   * Parses the file's lines. A line that does not have the {@code PROTO: (name value)*} shape is
   * skipped and reported in {@code malformed}.
   */
  public static List<SockStat> parse(List<String> lines, String source, List<String> malformed) {
    List<SockStat> result = new ArrayList<>();
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      String[] words = colon < 0 ? new String[0] : line.substring(colon + 1).trim().split("\\s+");
      if (colon <= 0 || words.length % 2 != 0) {
        malformed.add(source + ":" + lineNo + ": unexpected line '" + line + "'");
        continue;
      }
      Map<String, Long> fields = new LinkedHashMap<>();
      boolean ok = true;
      for (int i = 0; i < words.length; i += 2) {
        try {
          fields.put(words[i], Long.parseLong(words[i + 1]));
        } catch (NumberFormatException e) {
          malformed.add(source + ":" + lineNo + ": '" + words[i + 1] + "' is not a number");
          ok = false;
          break;
        }
      }
      if (ok) {
        result.add(new SockStat(line.substring(0, colon).trim(), fields, source));
      }
    }
    return result;
  }
}
