package io.sockwarden.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What only Linux has: kernel parameters, socket summaries, the persistent sysctl configuration.
 *
 * @param sysctls live kernel parameters that were read and parsed (an unparsable one is a {@link
 *     FactGap}, not a fact)
 * @param sockStats {@code /proc/net/sockstat} and {@code sockstat6} lines
 * @param bootValues for each key set in the persistent configuration, the value it gets at boot
 * @param fileHandles system-wide file handles against {@code fs.file-max}, when both were read
 */
public record LinuxFacts(
    List<Sysctl> sysctls,
    List<SockStat> sockStats,
    List<BootValue> bootValues,
    Optional<FileHandles> fileHandles)
    implements PlatformFacts {
  public LinuxFacts {
    sysctls = List.copyOf(sysctls);
    sockStats = List.copyOf(sockStats);
    bootValues = List.copyOf(bootValues);
    Objects.requireNonNull(fileHandles, "fileHandles");
  }

  public Optional<Sysctl> sysctl(String key) {
    return sysctls.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  @Override
  public boolean settingsRead() {
    return !sysctls.isEmpty();
  }

  @Override
  public List<Object> ruleFacts() {
    List<Object> all = new ArrayList<>(sysctls);
    all.addAll(sockStats);
    all.addAll(bootValues);
    fileHandles.ifPresent(all::add);
    return all;
  }
}
