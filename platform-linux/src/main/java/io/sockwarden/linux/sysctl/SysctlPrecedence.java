package io.sockwarden.linux.sysctl;

import io.sockwarden.linux.proc.ProcText;
import io.sockwarden.model.BootValue;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.SysctlAssignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which sysctl configuration files are applied at boot, in which order, and so which value each key
 * ends up with: sysctl.d(5) precedence.
 *
 * <ol>
 *   <li>{@code *.conf} files are collected from {@link #DIRECTORIES}, in that order of priority. A
 *       file name seen in an earlier directory masks the same name in later ones ({@code
 *       /etc/sysctl.d/50-x.conf} replaces {@code /usr/lib/sysctl.d/50-x.conf}); a file that is a
 *       symbolic link to {@code /dev/null} or is empty masks it and sets nothing.
 *   <li>The surviving files are applied sorted by file name, whatever their directory.
 *   <li>{@code /etc/sysctl.conf} is applied last, unless it is already one of the files (Debian
 *       links it as {@code /etc/sysctl.d/99-sysctl.conf}).
 *   <li>For a key assigned more than once, the last assignment wins.
 * </ol>
 *
 * Directories reached twice through symbolic links (merged /usr: {@code /lib -> usr/lib}) are read
 * once.
 */
public final class SysctlPrecedence {
  public static final List<String> DIRECTORIES =
      List.of(
          "/etc/sysctl.d",
          "/run/sysctl.d",
          "/usr/local/lib/sysctl.d",
          "/usr/lib/sysctl.d",
          "/lib/sysctl.d");
  public static final String SYSCTL_CONF = "/etc/sysctl.conf";

  private SysctlPrecedence() {}

  /**
   * The result of reading the configuration.
   *
   * @param files the files applied at boot, in order
   * @param masked files that were masked, with what masks them
   * @param bootValues per key, the value it gets at boot, sorted by key
   * @param problems unreadable files and malformed lines
   */
  public record Result(
      List<Path> files,
      Map<Path, Path> masked,
      List<BootValue> bootValues,
      List<CollectionProblem> problems) {}

  public static Result read(CollectionContext context) {
    List<CollectionProblem> problems = new ArrayList<>();
    Map<String, Path> byName = new TreeMap<>();
    Map<Path, Path> masked = new LinkedHashMap<>();
    Set<Path> seenDirs = new HashSet<>();
    for (String dirName : DIRECTORIES) {
      Path dir = context.underRoot(dirName);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try {
        if (!seenDirs.add(dir.toRealPath())) {
          continue;
        }
      } catch (IOException e) {
        problems.add(new CollectionProblem(dir.toString(), "cannot resolve: " + e.getMessage()));
        continue;
      }
      try (Stream<Path> list = Files.list(dir)) {
        for (Path file : list.sorted().toList()) {
          String name = file.getFileName().toString();
          if (!name.endsWith(".conf")) {
            continue;
          }
          Path earlier = byName.putIfAbsent(name, file);
          if (earlier != null) {
            masked.put(file, earlier);
          }
        }
      } catch (IOException e) {
        problems.add(new CollectionProblem(dir.toString(), "cannot list: " + e.getMessage()));
      }
    }

    List<Path> files = new ArrayList<>();
    Set<Path> realFiles = new HashSet<>();
    for (Path file : byName.values()) {
      if (isMask(file)) {
        continue;
      }
      files.add(file);
      realPath(file).ifPresent(realFiles::add);
    }
    Path sysctlConf = context.underRoot(SYSCTL_CONF);
    if (Files.isRegularFile(sysctlConf)
        && realPath(sysctlConf).map(p -> !realFiles.contains(p)).orElse(true)) {
      files.add(sysctlConf);
    }

    Map<String, List<SysctlAssignment>> byKey = new TreeMap<>();
    for (Path file : files) {
      List<String> lines;
      try {
        lines = ProcText.lines(file);
      } catch (IOException e) {
        problems.add(new CollectionProblem(file.toString(), "cannot read: " + e.getMessage()));
        continue;
      }
      SysctlConfigFile.Parsed parsed = SysctlConfigFile.parse(lines, file.toString());
      for (String bad : parsed.malformed()) {
        problems.add(new CollectionProblem(file.toString(), bad));
      }
      for (SysctlAssignment a : parsed.assignments()) {
        byKey.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
      }
    }
    List<BootValue> bootValues = new ArrayList<>();
    byKey.forEach(
        (key, list) -> bootValues.add(new BootValue(key, list.get(list.size() - 1), list)));
    return new Result(files, masked, bootValues, problems);
  }

  private static boolean isMask(Path file) {
    try {
      if (Files.isSymbolicLink(file)
          && Files.readSymbolicLink(file).toString().equals("/dev/null")) {
        return true;
      }
      return Files.size(file) == 0 && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return false;
    }
  }

  private static java.util.Optional<Path> realPath(Path file) {
    try {
      return java.util.Optional.of(file.toRealPath());
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
