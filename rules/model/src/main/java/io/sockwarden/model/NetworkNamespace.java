package io.sockwarden.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One network namespace of the host, as discovery found it. The kernel settings Sockwarden judges
 * (somaxconn, the port range, TIME_WAIT limits, ...) exist once per network namespace, so a host
 * running containers has as many sets of them as it has namespaces.
 *
 * @param inode the namespace's inode number (the {@code 4026531840} of {@code net:[4026531840]}):
 *     its identity for as long as it exists
 * @param label what an administrator calls it: {@code host} for the agent's own namespace, the
 *     {@code ip netns} name, {@code docker:NAME}, {@code k8s:NAMESPACE/POD}, {@code podman:ID},
 *     {@code nspawn:MACHINE}, else the command and pid of its first process
 * @param kind how the label was found
 * @param entry the file that refers to it and can be opened to enter it: {@code /proc/PID/ns/net}
 *     or a bind mount such as {@code /run/netns/NAME}
 * @param pids the processes in it, ascending; empty for a namespace only a bind mount keeps alive
 * @param containerId the full id of the container it belongs to, when a cgroup path named one
 */
public record NetworkNamespace(
    long inode,
    String label,
    Kind kind,
    String entry,
    List<Integer> pids,
    Optional<String> containerId) {
  public NetworkNamespace {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(containerId, "containerId");
    pids = List.copyOf(pids);
    if (inode <= 0 || label.isBlank()) {
      throw new IllegalArgumentException("a namespace needs an inode and a label");
    }
  }

  /** How a namespace's label was found. */
  public enum Kind {
    /** The namespace the agent itself runs in: the host's, on a host. */
    HOST,
    /** Named by {@code ip netns} (a bind mount under {@code /run/netns}). */
    NAMED,
    /** A container's, named from a cgroup path (Docker, containerd/CRI, Podman, nspawn). */
    CONTAINER,
    /** Named after the command of its first process. */
    PROCESS,
    /** Only a bind mount keeps it alive (for example under {@code /run/docker/netns}). */
    MOUNT;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The first process in it, if any. */
  public Optional<Integer> firstPid() {
    return pids.isEmpty() ? Optional.empty() : Optional.of(pids.get(0));
  }

  /** {@code net:[INODE]}, as {@code /proc/PID/ns/net} reads. */
  public String link() {
    return "net:[" + inode + "]";
  }

  /** Whether {@code selector} names it: its label, its inode, or {@code net:[INODE]}. */
  public boolean matches(String selector) {
    String s = selector.strip();
    return s.equals(label) || s.equals(Long.toString(inode)) || s.equals(link());
  }

  /** {@code label (net:[inode])}, for people. */
  public String describe() {
    return label + " (" + link() + ")";
  }
}
