package io.sockwarden.windows.remediate;

import java.util.Optional;

/** What Windows accepts as a TCP dynamic port range: start at least 1025, at least 255 ports. */
final class DynamicRangeBounds {
  private DynamicRangeBounds() {}

  static Optional<String> problem(int start, int count) {
    if (start < 1025) {
      return Optional.of("the dynamic port range must start at 1025 or above, not " + start);
    }
    if (count < 255) {
      return Optional.of("the dynamic port range needs at least 255 ports, not " + count);
    }
    if (start + count - 1 > 65535) {
      return Optional.of(
          "the dynamic port range "
              + start
              + "+"
              + count
              + " would end at "
              + (start + count - 1)
              + ", above 65535");
    }
    return Optional.empty();
  }
}
