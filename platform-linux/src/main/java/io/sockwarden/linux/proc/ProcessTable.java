package io.sockwarden.linux.proc;

import io.sockwarden.model.ProcessFiles;
import io.sockwarden.model.ProcessRef;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which process owns which socket, and how close processes are to their descriptor limit, from
 * {@code /proc/<pid>/fd} (links named {@code socket:[inode]}), {@code /proc/<pid>/comm} and {@code
 * /proc/<pid>/limits}.
 *
 * <p>Every visible process's descriptors are counted. A process is reported as {@link ProcessFiles}
 * when it owns a listener, holds at least {@link #SOCKET_HEAVY} sockets, or uses at least {@link
 * #REPORTED_PERCENT} % of its soft limit, whether or not it has sockets: a client running out of
 * descriptors fails as surely as a server. {@code limits} is read only for processes with at least
 * {@link #LIMITS_FLOOR} descriptors (or reported for their sockets anyway): most processes hold a
 * handful, and reading every {@code limits} file costs nearly as much as the rest of the scan
 * (measured 8 ms against 10 ms for 89 processes).
 *
 * <p>Reading another user's {@code fd} directory needs root (or {@code CAP_SYS_PTRACE}); such
 * processes are counted as not visible rather than guessed at.
 */
public final class ProcessTable {
  private static final Pattern NOFILE =
      Pattern.compile("^Max open files\\s+(\\S+)\\s+(\\S+)", Pattern.MULTILINE);

  /** Processes with at least this many sockets are reported even without a listener. */
  public static final int SOCKET_HEAVY = 1000;

  /**
   * Processes using at least this percentage of their soft descriptor limit are reported even
   * without sockets; below the default warning threshold (80 %) so a lowered policy still sees
   * them.
   */
  public static final int REPORTED_PERCENT = 50;

  /**
   * Processes with fewer descriptors are not checked against their limit: half of 256, the lowest
   * soft limit still met in practice (the kernel default is 1024).
   */
  public static final int LIMITS_FLOOR = 128;

  private final Map<Long, ProcessRef> owners = new HashMap<>();
  private final List<ProcessFiles> processes = new ArrayList<>();
  private int invisible;
  private int seen;

  private ProcessTable() {}

  /**
   * Scans every process under {@code proc}.
   *
   * @param listenerInodes inodes of listening sockets whose owners are wanted
   */
  public static ProcessTable scan(Path proc, Set<Long> listenerInodes) {
    ProcessTable table = new ProcessTable();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, ProcessTable::isPid)) {
      for (Path dir : pids) {
        table.seen++;
        table.scanProcess(dir, listenerInodes);
      }
    } catch (IOException e) {
      // No process directories (a bare proc root in tests): nothing to attribute.
    }
    return table;
  }

  /**
   * Scans the processes {@code pids} under {@code proc} only: the processes of one network
   * namespace, whose sockets are the only ones that can be that namespace's listeners.
   */
  public static ProcessTable scan(Path proc, Set<Long> listenerInodes, List<Integer> pids) {
    ProcessTable table = new ProcessTable();
    for (int pid : pids) {
      Path dir = proc.resolve(Integer.toString(pid));
      if (Files.isDirectory(dir)) {
        table.seen++;
        table.scanProcess(dir, listenerInodes);
      }
    }
    return table;
  }

  private static boolean isPid(Path p) {
    String name = p.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  private void scanProcess(Path dir, Set<Long> listenerInodes) {
    int pid = Integer.parseInt(dir.getFileName().toString());
    long fds = 0;
    long sockets = 0;
    boolean listens = false;
    List<Long> owned = new ArrayList<>();
    try (DirectoryStream<Path> fdDir = Files.newDirectoryStream(dir.resolve("fd"))) {
      for (Path fd : fdDir) {
        fds++;
        long inode = socketInode(fd);
        if (inode > 0) {
          sockets++;
          if (listenerInodes.contains(inode)) {
            owned.add(inode);
            listens = true;
          }
        }
      }
    } catch (AccessDeniedException e) {
      invisible++;
      return;
    } catch (IOException e) {
      return; // the process exited while we looked
    }
    boolean socketsMatter = listens || sockets >= SOCKET_HEAVY;
    if (!socketsMatter && fds < LIMITS_FLOOR) {
      return;
    }
    long[] limits = read(dir.resolve("limits")).map(ProcessTable::parseNofile).orElse(null);
    if (!socketsMatter && (limits == null || !nearLimit(fds, limits[0]))) {
      return;
    }
    String command = read(dir.resolve("comm")).map(String::strip).orElse("?");
    ProcessRef ref = new ProcessRef(pid, command);
    owned.forEach(inode -> owners.putIfAbsent(inode, ref));
    if (limits != null) {
      processes.add(
          new ProcessFiles(
              pid, command, fds, limits[0], limits[1], sockets, listens, dir.toString()));
    }
  }

  /** Whether {@code fds} reaches {@link #REPORTED_PERCENT} of a (positive) soft limit. */
  private static boolean nearLimit(long fds, long softLimit) {
    return softLimit > 0 && fds * 100 >= softLimit * REPORTED_PERCENT;
  }

  /** The inode of a {@code socket:[inode]} link, or 0 for anything else. */
  static long socketInode(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      if (target.startsWith("socket:[") && target.endsWith("]")) {
        return Long.parseLong(target, 8, target.length() - 1, 10);
      }
    } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
      // closed meanwhile, or not a link
    }
    return 0;
  }

  /**
   * The soft and hard {@code Max open files} of a {@code limits} file; -1 stands for unlimited.
   *
   * @return {@code {soft, hard}}, or null when the line is missing or malformed
   */
  public static long[] parseNofile(String limits) {
    Matcher m = NOFILE.matcher(limits);
    if (!m.find()) {
      return null;
    }
    try {
      return new long[] {limit(m.group(1)), limit(m.group(2))};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long limit(String text) {
    return text.equals("unlimited") ? -1 : Long.parseLong(text);
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(ProcText.read(file));
    } catch (NoSuchFileException | AccessDeniedException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The owner of a listener inode, or an explanation of why it is not known. */
  public ProcessRef owner(long inode) {
    ProcessRef ref = owners.get(inode);
    if (ref != null) {
      return ref;
    }
    return ProcessRef.unknown(
        invisible > 0
            ? "not visible (" + invisible + " processes' descriptors are unreadable; run as root)"
            : "not found among the processes under this proc root (the owner may live outside this PID"
                + " namespace, or the socket closed meanwhile)");
  }

  /**
   * Processes that own a listener, hold many sockets, or use at least {@link #REPORTED_PERCENT} %
   * of their soft descriptor limit.
   */
  public List<ProcessFiles> processes() {
    return List.copyOf(processes);
  }

  /** Processes whose descriptors could not be read. */
  /** How many process directories were found under the proc root. */
  public int seen() {
    return seen;
  }

  public int invisible() {
    return invisible;
  }
}
