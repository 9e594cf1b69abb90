package io.sockwarden.model;

import java.util.Objects;

/**
 * What the host is and what can be done on it.
 *
 * @param hostname the host's name as the kernel knows it
 * @param os operating system family: {@code linux} or {@code windows}
 * @param kernelRelease kernel release or OS version string, e.g. {@code 6.1.0-18-amd64}
 * @param kernelMajor major version, 0 when unknown
 * @param kernelMinor minor version, 0 when unknown
 * @param settingsWritable whether live settings can be changed ({@code /proc/sys} writable)
 * @param networkNamespace network namespace identity, e.g. {@code net:[4026531840]}, or {@code
 *     unknown}
 * @param bootId identifies the current boot ({@code /proc/sys/kernel/random/boot_id}), or {@code
 *     unknown}; counters are comparable between two scans only within one boot
 */
public record HostInfo(
    String hostname,
    String os,
    String kernelRelease,
    int kernelMajor,
    int kernelMinor,
    boolean settingsWritable,
    String networkNamespace,
    String bootId) {
  public HostInfo {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(kernelRelease, "kernelRelease");
    Objects.requireNonNull(networkNamespace, "networkNamespace");
    Objects.requireNonNull(bootId, "bootId");
  }

  /** Whether the kernel is at least {@code major.minor}. False when the version is unknown. */
  public boolean kernelAtLeast(int major, int minor) {
    return kernelMajor > major || (kernelMajor == major && kernelMinor >= minor);
  }
}
