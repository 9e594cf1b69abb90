package io.sockwarden.model;

import java.util.Objects;

/**
 * System-wide file handle usage from {@code fs.file-nr}: allocated handles against {@code
 * fs.file-max}.
 *
 * @param allocated handles allocated now
 * @param max the system-wide limit ({@code fs.file-max})
 * @param source where it was read
 */
public record FileHandles(long allocated, long max, String source) implements Evidential {
  public FileHandles {
    Objects.requireNonNull(source, "source");
  }

  /** Allocated handles as a whole percentage of the limit (0 when the limit is not positive). */
  public int usedPercent() {
    return max <= 0 ? 0 : (int) Math.min(100, allocated * 100 / max);
  }

  @Override
  public Evidence evidence() {
    return new Evidence(
        "fs.file-nr", allocated + " of " + max + " (" + usedPercent() + " %)", source);
  }
}
