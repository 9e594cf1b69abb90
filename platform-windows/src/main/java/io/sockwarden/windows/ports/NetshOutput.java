package io.sockwarden.windows.ports;

import io.sockwarden.model.PortExclusion;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses what {@code netsh int ipv4|ipv6 show dynamicport tcp} and {@code show excludedportrange
 * protocol=tcp} print. Their labels are translated ({@code Start Port}, {@code Startport}, {@code
 * 開始ポート}), so only the numbers are read: the dynamic range is the two lines ending in {@code :
 * <number>} (start port, then number of ports); an excluded range is a row of two numbers,
 * optionally followed by {@code *} for one an administrator added. Pure functions.
 */
public final class NetshOutput {
  private static final Pattern LABELLED_NUMBER = Pattern.compile(".*:\\s*(\\d+)\\s*");
  private static final Pattern RANGE_ROW = Pattern.compile("\\s*(\\d+)\\s+(\\d+)\\s*(\\*)?\\s*");

  private NetshOutput() {}

  /**
   * The range in a {@code show dynamicport} listing.
   *
   * @throws IllegalArgumentException when there are not exactly two numbered lines, or they do not
   *     make a range (netsh under Wine prints nothing)
   */
  public static DynamicRange dynamicPort(String output, String family, String source) {
    List<Integer> numbers = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = LABELLED_NUMBER.matcher(line);
      if (m.matches()) {
        numbers.add(parse(m.group(1)));
      }
    }
    if (numbers.size() != 2) {
      throw new IllegalArgumentException(
          "expected a start port and a number of ports, found "
              + numbers.size()
              + " numbers in: "
              + abbreviate(output));
    }
    return new DynamicRange(family, numbers.get(0), numbers.get(1), source);
  }

  /**
   * The rows of a {@code show excludedportrange} listing; none when the listing has no rows.
   *
   * @throws IllegalArgumentException when there is no output at all (netsh under Wine), which is
   *     not the same as a listing without rows
   */
  public static List<PortExclusion> excludedRanges(String output, String family, String source) {
    if (output.isBlank()) {
      throw new IllegalArgumentException("no output");
    }
    List<PortExclusion> result = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = RANGE_ROW.matcher(line);
      if (m.matches()) {
        result.add(
            new PortExclusion(
                family, parse(m.group(1)), parse(m.group(2)), m.group(3) != null, source));
      }
    }
    return result;
  }

  private static int parse(String digits) {
    if (digits.length() > 5 || Integer.parseInt(digits) > 65536) {
      throw new IllegalArgumentException(digits + " is not a port number");
    }
    return Integer.parseInt(digits);
  }

  private static String abbreviate(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.isEmpty() ? "(no output)" : flat.length() > 120 ? flat.substring(0, 120) : flat;
  }
}
