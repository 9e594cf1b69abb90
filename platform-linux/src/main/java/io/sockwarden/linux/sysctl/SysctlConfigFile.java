package io.sockwarden.linux.sysctl;

import io.sockwarden.model.SysctlAssignment;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The syntax of one sysctl configuration file, as systemd-sysctl 252 reads it (sysctl.d(5)).
 *
 * <ul>
 *   <li>Lines end at {@code \n}, {@code \r}, {@code \r\n} or a NUL byte.
 *   <li>White space is blanks and tabs only: a line starting with a form feed is not trimmed, and
 *       its key then names no parameter.
 *   <li>Blank lines and lines whose first non-blank character is {@code #} or {@code ;} are
 *       comments.
 *   <li>Other lines are {@code key = value}, split at the first {@code =}; white space around both
 *       is ignored. A {@code -} before the key means errors setting it are ignored.
 *   <li>A line without {@code =} that starts with {@code -} ({@code -net.core.somaxconn}) cancels
 *       any earlier assignment of the key: it keeps its kernel default unless a later line assigns
 *       it again. Any other line without {@code =} is malformed and ignored.
 *   <li>A key may use {@code /} as separator. When its first separator is {@code /}, dots in it are
 *       literal (an interface named {@code eth0.100}) and are kept as {@code /} in the dotted form,
 *       the convention of sysctl(8). Empty and {@code .} path components are dropped ({@code
 *       net..core.somaxconn}, {@code /net/core/somaxconn/} both mean {@code net.core.somaxconn}).
 *   <li>Glob keys ({@code net.ipv4.conf.*.rp_filter}) are kept literally.
 *   <li>Bytes that are not UTF-8 are read as U+FFFD; in a line other than a comment they are
 *       reported as malformed (the line is still applied, as systemd writes its bytes as they are).
 * </ul>
 */
public final class SysctlConfigFile {
  private SysctlConfigFile() {}

  /**
   * A {@code -key} line without {@code =}: drops any earlier assignment of the key.
   *
   * @param key dotted key
   * @param file path of the file as found
   * @param line 1-based line number
   */
  public record Cancellation(String key, String file, int line) {}

  /**
   * What a file holds.
   *
   * @param assignments its assignments, in order
   * @param malformed the lines that could not be parsed or are not UTF-8, as {@code file:line: why}
   * @param cancellations its {@code -key} lines, in order; apply them interleaved with the
   *     assignments by line number
   */
  public record Parsed(
      List<SysctlAssignment> assignments,
      List<String> malformed,
      List<Cancellation> cancellations) {
    public Parsed {
      assignments = List.copyOf(assignments);
      malformed = List.copyOf(malformed);
      cancellations = List.copyOf(cancellations);
    }

    public Parsed(List<SysctlAssignment> assignments, List<String> malformed) {
      this(assignments, malformed, List.of());
    }
  }

  /** Parses lines already split and decoded; line numbers are indexes in {@code lines} plus one. */
  public static Parsed parse(List<String> lines, String file) {
    return parse(lines, Set.of(), file);
  }

  /**
   * Parses the bytes of a file: splits lines as systemd does and decodes each as UTF-8, replacing
   * malformed bytes. Never fails.
   */
  public static Parsed parse(byte[] content, String file) {
    List<String> lines = new ArrayList<>();
    Set<Integer> notUtf8 = new HashSet<>();
    int start = 0;
    int i = 0;
    while (i < content.length) {
      int kind = endOfLine(content[i]);
      if (kind == 0) {
        i++;
        continue;
      }
      int end = i;
      // One line end is a run of \n, \r and NUL with each at most once, stopping after a NUL:
      // "\r\n" and "\n\r" end one line, "\n\n" two.
      int seen = 0;
      while (i < content.length && (seen & NUL) == 0) {
        int k = endOfLine(content[i]);
        if (k == 0 || (seen & k) != 0) {
          break;
        }
        seen |= k;
        i++;
      }
      addLine(content, start, end, lines, notUtf8);
      start = i;
    }
    if (start < content.length) {
      addLine(content, start, content.length, lines, notUtf8);
    }
    return parse(lines, notUtf8, file);
  }

  private static final int LF = 1;
  private static final int CR = 2;
  private static final int NUL = 4;

  private static int endOfLine(byte b) {
    return b == '\n' ? LF : b == '\r' ? CR : b == 0 ? NUL : 0;
  }

  private static void addLine(
      byte[] content, int from, int to, List<String> lines, Set<Integer> notUtf8) {
    String text;
    try {
      text = strictUtf8().decode(ByteBuffer.wrap(content, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      text = new String(content, from, to - from, StandardCharsets.UTF_8); // U+FFFD for bad bytes
      notUtf8.add(lines.size() + 1);
    }
    lines.add(text);
  }

  private static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static Parsed parse(List<String> lines, Set<Integer> notUtf8, String file) {
    List<SysctlAssignment> assignments = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    List<Cancellation> cancellations = new ArrayList<>();
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      String line = strip(raw);
      if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
        continue;
      }
      if (notUtf8.contains(lineNo)) {
        malformed.add(
            file + ":" + lineNo + ": not valid UTF-8 (read with U+FFFD) in '" + line + "'");
      }
      int eq = line.indexOf('=');
      String key;
      if (eq < 0) {
        if (line.charAt(0) != '-') {
          malformed.add(file + ":" + lineNo + ": no '=' in '" + line + "'");
          continue;
        }
        key = dotted(strip(line.substring(1)));
        if (key.isEmpty()) {
          malformed.add(file + ":" + lineNo + ": empty key in '" + line + "'");
          continue;
        }
        cancellations.add(new Cancellation(key, file, lineNo));
        continue;
      }
      String left = line.substring(0, eq);
      boolean ignoreErrors = left.startsWith("-");
      if (ignoreErrors) {
        left = left.substring(1);
      }
      key = dotted(strip(left));
      String value = strip(line.substring(eq + 1));
      if (key.isEmpty()) {
        malformed.add(file + ":" + lineNo + ": empty key in '" + line + "'");
        continue;
      }
      assignments.add(new SysctlAssignment(key, value, file, lineNo, ignoreErrors));
    }
    return new Parsed(assignments, malformed, cancellations);
  }

  /** Strips blanks and tabs (and CR, LF), the white space of systemd's parser, from both ends. */
  static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * The dotted form of a key written with either separator: systemd's normal form (slashes as
   * separators, literal dots kept) with slashes and dots swapped.
   */
  public static String dotted(String key) {
    return swap(slashed(key));
  }

  /** systemd's normal form of a key: {@code /} separated, without empty or {@code .} parts. */
  static String slashed(String key) {
    int slash = key.indexOf('/');
    int dot = key.indexOf('.');
    String s = dot >= 0 && (slash < 0 || dot < slash) ? swap(key) : key;
    boolean absolute = s.startsWith("/");
    List<String> parts = new ArrayList<>();
    for (String part : s.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    String joined = String.join("/", parts);
    if (joined.isEmpty()) {
      // Nothing but separators: systemd keeps "/" (or "." for a relative path); no parameter.
      return absolute ? "/" : s.isEmpty() ? "" : ".";
    }
    return joined; // systemd drops the leading slash of an absolute key
  }

  private static String swap(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      out.append(c == '/' ? '.' : c == '.' ? '/' : c);
    }
    return out.toString();
  }
}
