package io.sockwarden.model;

import java.util.Objects;

/**
 * A process's open file descriptors against its {@code RLIMIT_NOFILE}.
 *
 * @param pid process id
 * @param command command name
 * @param openFds descriptors open now
 * @param softLimit the soft limit (what the process gets; -1 for unlimited)
 * @param hardLimit the hard limit (up to which it may raise the soft one; -1 for unlimited)
 * @param sockets how many of the descriptors are sockets
 * @param listens whether the process owns a listening TCP socket
 * @param source where it was read, {@code /proc/<pid>}
 */
public record ProcessFiles(
    int pid,
    String command,
    long openFds,
    long softLimit,
    long hardLimit,
    long sockets,
    boolean listens,
    String source)
    implements Evidential {
  public ProcessFiles {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(source, "source");
  }

  /** Open descriptors as a whole percentage of the soft limit (0 when unlimited). */
  public int usedPercent() {
    return softLimit <= 0 ? 0 : (int) Math.min(100, openFds * 100 / softLimit);
  }

  @Override
  public Evidence evidence() {
    return new Evidence(
        "pid " + pid + " (" + command + ")",
        openFds
            + " open descriptors ("
            + sockets
            + " sockets), soft limit "
            + (softLimit < 0 ? "unlimited" : softLimit)
            + ", hard limit "
            + (hardLimit < 0 ? "unlimited" : hardLimit),
        source);
  }
}
