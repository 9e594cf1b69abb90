package io.sockwarden.linux.proc;

import io.sockwarden.model.FileHandles;

/**
 * {@code /proc/sys/fs/file-nr}: three numbers, allocated handles, allocated-but-unused handles
 * (always 0 since 2.6), and {@code fs.file-max}.
 */
public final class FileNr {
  private FileNr() {}

  /**
   * @throws IllegalArgumentException when the text is not three numbers
   */
  public static FileHandles parse(String text, String source) {
    String[] f = text.trim().split("\\s+");
    if (f.length != 3) {
      throw new IllegalArgumentException("expected three numbers, got '" + text.trim() + "'");
    }
    try {
      return new FileHandles(Long.parseLong(f[0]), Long.parseLong(f[2]), source);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not numbers: '" + text.trim() + "'");
    }
  }
}
