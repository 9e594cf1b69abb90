package io.sockwarden.linux.sysctl;

import io.sockwarden.model.BootValue;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.SysctlAssignment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which sysctl configuration files are applied at boot, in which order, and so which value each key
 * ends up with: sysctl.d(5) precedence exactly as systemd-sysctl 252 applies it (checked against
 * the real program by {@code SysctlPrecedenceVsSystemdInNetnsTest}).
 *
 * <ol>
 *   <li>Files whose names end in {@code .conf} and do not start with {@code .} are collected from
 *       {@link #DIRECTORIES}, in that order of priority. A file name seen in an earlier directory
 *       masks the same name in later ones ({@code /etc/sysctl.d/50-x.conf} replaces {@code
 *       /usr/lib/sysctl.d/50-x.conf}), whatever it is: a symbolic link to {@code /dev/null}, an
 *       empty file, a dangling link or a directory masks it and sets nothing.
 *   <li>The surviving files are applied sorted by file name (byte order), whatever their directory.
 *   <li>{@code /etc/sysctl.conf} is read only through a link in a sysctl.d directory, such as
 *       Debian's {@code /etc/sysctl.d/99-sysctl.conf -> ../sysctl.conf}. Without one (or when that
 *       name is masked or is a file of its own) systemd-sysctl does not apply it.
 *   <li>For a key assigned more than once, the last assignment wins; a {@code -key} line cancels
 *       the assignments before it (see {@link SysctlConfigFile}).
 * </ol>
 *
 * Symbolic links are followed inside {@link CollectionContext#root()} as if it were {@code /}, as
 * systemd-sysctl would in a chroot there. Directories reached twice through symbolic links (merged
 * /usr: {@code /lib -> usr/lib}) are read once.
 */
public final class SysctlPrecedence {
  public static final List<String> DIRECTORIES =
      List.of(
          "/etc/sysctl.d",
          "/run/sysctl.d",
          "/usr/local/lib/sysctl.d",
          "/usr/lib/sysctl.d",
          "/lib/sysctl.d");

  /**
   * The traditional file. systemd-sysctl reads it only through a link in {@link #DIRECTORIES}
   * (Debian's {@code /etc/sysctl.d/99-sysctl.conf}); it is not applied on its own.
   */
  public static final String SYSCTL_CONF = "/etc/sysctl.conf";

  private static final int MAX_LINKS = 40;

  private SysctlPrecedence() {}

  /**
   * The result of reading the configuration.
   *
   * @param files the files applied at boot, in order, as found in their directory
   * @param masked files that were masked, with what masks them
   * @param bootValues per key, the value it gets at boot, sorted by key
   * @param problems unreadable files and malformed lines
   */
  public record Result(
      List<Path> files,
      Map<Path, Path> masked,
      List<BootValue> bootValues,
      List<CollectionProblem> problems) {}

  /** A configuration file as found: its path, and its directory resolved inside the root. */
  private record Found(Path path, List<String> resolvedDir, Path entry) {}

  public static Result read(CollectionContext context) {
    Path root = context.root();
    List<CollectionProblem> problems = new ArrayList<>();
    Map<String, Found> byName = new TreeMap<>(SysctlPrecedence::compareBytes);
    Map<Path, Path> masked = new LinkedHashMap<>();
    Set<List<String>> seenDirs = new HashSet<>();
    for (String dirName : DIRECTORIES) {
      Path dir = context.underRoot(dirName);
      Optional<List<String>> resolved = resolve(root, List.of(), components(dirName));
      if (resolved.isEmpty()) {
        problems.add(new CollectionProblem(dir.toString(), "too many levels of symbolic links"));
        continue;
      }
      Path hostDir = hostPath(root, resolved.get());
      if (!Files.isDirectory(hostDir) || !seenDirs.add(resolved.get())) {
        continue;
      }
      try (Stream<Path> list = Files.list(hostDir)) {
        for (Path entry : list.sorted().toList()) {
          String name = entry.getFileName().toString();
          if (name.startsWith(".") || !name.endsWith(".conf")) {
            continue; // hidden files are skipped, like editors' and package managers' leftovers
          }
          Path file = dir.resolve(entry.getFileName());
          Found earlier = byName.putIfAbsent(name, new Found(file, resolved.get(), entry));
          if (earlier != null) {
            masked.put(file, earlier.path());
          }
        }
      } catch (IOException e) {
        problems.add(new CollectionProblem(dir.toString(), "cannot list: " + e.getMessage()));
      }
    }

    List<Path> files = new ArrayList<>();
    Map<String, List<SysctlAssignment>> byKey = new LinkedHashMap<>();
    for (Found found : byName.values()) {
      Optional<byte[]> content = content(root, found, problems);
      if (content.isEmpty() || content.get().length == 0) {
        continue; // masks the name and sets nothing
      }
      files.add(found.path());
      String file = found.path().toString();
      SysctlConfigFile.Parsed parsed = SysctlConfigFile.parse(content.get(), file);
      for (String bad : parsed.malformed()) {
        problems.add(new CollectionProblem(file, bad));
      }
      apply(parsed, byKey);
    }
    Map<String, List<SysctlAssignment>> sorted = new TreeMap<>(byKey);
    List<BootValue> bootValues = new ArrayList<>();
    sorted.forEach(
        (key, list) -> bootValues.add(new BootValue(key, list.get(list.size() - 1), list)));
    return new Result(files, masked, bootValues, problems);
  }

  /** Applies one file's assignments and cancellations in line order. */
  private static void apply(
      SysctlConfigFile.Parsed parsed, Map<String, List<SysctlAssignment>> byKey) {
    List<SysctlConfigFile.Cancellation> cancellations = parsed.cancellations();
    int c = 0;
    for (SysctlAssignment a : parsed.assignments()) {
      while (c < cancellations.size() && cancellations.get(c).line() < a.line()) {
        byKey.remove(cancellations.get(c++).key());
      }
      byKey.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
    }
    while (c < cancellations.size()) {
      byKey.remove(cancellations.get(c++).key());
    }
  }

  /**
   * The bytes systemd-sysctl reads for a file: empty for a link to {@code /dev/null}, a dangling
   * link (it ignores files that do not exist) or an empty file; nothing, with a problem, for what
   * cannot be read.
   */
  private static Optional<byte[]> content(
      Path root, Found found, List<CollectionProblem> problems) {
    String where = found.path().toString();
    Path host = found.entry();
    if (Files.isSymbolicLink(host)) {
      Optional<List<String>> target;
      try {
        target =
            resolve(root, found.resolvedDir(), components(Files.readSymbolicLink(host).toString()));
      } catch (IOException e) {
        problems.add(new CollectionProblem(where, "cannot read link: " + e.getMessage()));
        return Optional.empty();
      }
      if (target.isEmpty()) {
        problems.add(new CollectionProblem(where, "too many levels of symbolic links"));
        return Optional.empty();
      }
      if (target.get().equals(List.of("dev", "null"))) {
        return Optional.of(new byte[0]);
      }
      host = hostPath(root, target.get());
      if (!Files.exists(host)) {
        return Optional.of(new byte[0]);
      }
    }
    if (Files.isDirectory(host)) {
      problems.add(new CollectionProblem(where, "is a directory: masks the name and sets nothing"));
      return Optional.empty();
    }
    if (!Files.isRegularFile(host)) {
      problems.add(new CollectionProblem(where, "not a regular file: not read"));
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(host));
    } catch (IOException e) {
      problems.add(new CollectionProblem(where, "cannot read: " + e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * Resolves {@code path} (components, relative to {@code from}, itself resolved, or absolute when
   * the original started with {@code /}: see {@link #components}) inside {@code root}, following
   * symbolic links with absolute targets taken inside the root and {@code ..} stopping at it.
   *
   * @return the resolved components under the root, or empty after {@value #MAX_LINKS} links
   */
  private static Optional<List<String>> resolve(Path root, List<String> from, List<String> path) {
    Deque<String> done = new ArrayDeque<>(from);
    Deque<String> todo = new ArrayDeque<>(path);
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.pollFirst();
      if (c.equals("/")) {
        done.clear();
        continue;
      }
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        done.pollLast();
        continue;
      }
      done.addLast(c);
      Path host = hostPath(root, done);
      if (!Files.isSymbolicLink(host)) {
        continue;
      }
      if (++links > MAX_LINKS) {
        return Optional.empty();
      }
      done.pollLast();
      List<String> target;
      try {
        target = components(Files.readSymbolicLink(host).toString());
      } catch (IOException e) {
        done.addLast(c);
        continue;
      }
      for (int i = target.size() - 1; i >= 0; i--) {
        todo.addFirst(target.get(i));
      }
    }
    return Optional.of(List.copyOf(done));
  }

  /** The components of a path; an absolute path starts with the component {@code "/"}. */
  private static List<String> components(String path) {
    List<String> out = new ArrayList<>();
    if (path.startsWith("/")) {
      out.add("/");
    }
    out.addAll(Arrays.asList(path.split("/")));
    return out;
  }

  private static Path hostPath(Path root, Iterable<String> components) {
    Path p = root;
    for (String c : components) {
      p = p.resolve(c);
    }
    return p;
  }

  /** Orders file names as systemd does: by their bytes (UTF-8), unsigned. */
  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
