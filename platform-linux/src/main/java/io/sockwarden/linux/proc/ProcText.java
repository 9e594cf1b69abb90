package io.sockwarden.linux.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a {@code /proc} file as lines.
 *
 * <p>{@code Files.readString} and {@code Files.readAllBytes} size their buffer from the file's
 * reported length, which is 0 or wrong for proc files, and have been seen to return truncated
 * values ({@code /proc/sys/net/core/somaxconn} as "4" instead of "4096"). A buffered reader reads
 * until end of file and returns the whole text.
 */
public final class ProcText {
  private ProcText() {}

  /**
   * The file's lines.
   *
   * @throws IOException also when reading fails midway (a process that exits while its {@code
   *     /proc/PID/...} file is read gives ESRCH), never an unchecked exception
   */
  public static List<String> lines(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return in.lines().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The whole file as one string, lines joined with {@code \n}. */
  public static String read(Path file) throws IOException {
    return String.join("\n", lines(file));
  }
}
