package io.sockwarden.linux.netns;

import io.sockwarden.linux.proc.ProcText;
import io.sockwarden.model.NetworkNamespace;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds every distinct network namespace of the host: the ones processes are in ({@code
 * /proc/PID/ns/net}, one entry per inode with all its pids) and the ones only a bind mount keeps
 * alive ({@code /run/netns/NAME} made by {@code ip netns add}, {@code /run/docker/netns/KEY}). Each
 * gets a label an administrator recognises ({@link NetworkNamespace#label()}), in this order: the
 * agent's own is {@code host}; an {@code ip netns} name; the container named by the cgroup path of
 * its first process ({@link ContainerCgroups}); the command and pid of its first process; the name
 * of the bind mount.
 *
 * <p>Reading another process's {@code ns/net} link needs the privilege to ptrace it (root): run as
 * another user, only that user's processes are seen. A process that exits while it is read is
 * skipped.
 */
public final class NetnsDiscovery {
  private NetnsDiscovery() {}

  /** The bind-mount directories searched, relative to the configuration root. */
  public static final List<String> MOUNT_DIRECTORIES = List.of("run/netns", "run/docker/netns");

  /**
   * The inode of a namespace link's target, {@code net:[4026531840]} → 4026531840.
   *
   * @throws IllegalArgumentException when it is not of that shape
   */
  public static long inode(Path link) {
    String s = link.toString();
    if (!s.startsWith("net:[") || !s.endsWith("]")) {
      throw new IllegalArgumentException("not a network namespace link: " + s);
    }
    return Long.parseLong(s.substring(5, s.length() - 1));
  }

  /**
   * Every network namespace under {@code proc} and the bind-mount directories under {@code root},
   * the agent's own ({@code proc/thread-self/ns/net}) first, then by label.
   */
  public static List<NetworkNamespace> discover(Path proc, Path root) {
    Map<Long, TreeSet<Integer>> pids = new TreeMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, NetnsDiscovery::isPid)) {
      for (Path dir : dirs) {
        try {
          long inode = inode(Files.readSymbolicLink(dir.resolve("ns/net")));
          pids.computeIfAbsent(inode, k -> new TreeSet<>())
              .add(Integer.parseInt(dir.getFileName().toString()));
        } catch (IOException | IllegalArgumentException e) {
          // exited, a kernel thread without a namespace link, or not ours to see
        }
      }
    } catch (IOException e) {
      // no process directories: only bind mounts
    }
    Map<Long, String> named = new TreeMap<>();
    Map<Long, Path> mounts = new LinkedHashMap<>();
    for (String dir : MOUNT_DIRECTORIES) {
      boolean ipNetns = dir.equals("run/netns");
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(dir))) {
        entries.forEach(files::add);
      } catch (IOException e) {
        continue;
      }
      files.sort(Comparator.comparing(Path::toString));
      for (Path file : files) {
        Optional<Long> inode = mountedInode(file);
        if (inode.isEmpty()) {
          continue;
        }
        mounts.putIfAbsent(inode.get(), file);
        if (ipNetns) {
          named.putIfAbsent(inode.get(), file.getFileName().toString());
        }
      }
    }
    long own = -1;
    for (String self : List.of("thread-self", "self")) {
      try {
        own = inode(Files.readSymbolicLink(proc.resolve(self).resolve("ns/net")));
        break;
      } catch (IOException | IllegalArgumentException e) {
        // try the next
      }
    }
    TreeSet<Long> all = new TreeSet<>(pids.keySet());
    all.addAll(mounts.keySet());
    List<NetworkNamespace> found = new ArrayList<>();
    for (long inode : all) {
      List<Integer> in = new ArrayList<>(pids.getOrDefault(inode, new TreeSet<>()));
      String entry =
          mounts.containsKey(inode)
              ? mounts.get(inode).toString()
              : proc.resolve(in.get(0) + "/ns/net").toString();
      found.add(
          label(inode, inode == own, named.get(inode), mounts.get(inode), in, entry, proc, root));
    }
    found.sort(
        Comparator.comparing((NetworkNamespace n) -> n.kind() != NetworkNamespace.Kind.HOST)
            .thenComparing(NetworkNamespace::label));
    return found;
  }

  private static NetworkNamespace label(
      long inode,
      boolean own,
      String ipName,
      Path mount,
      List<Integer> pids,
      String entry,
      Path proc,
      Path root) {
    if (own) {
      return new NetworkNamespace(
          inode, "host", NetworkNamespace.Kind.HOST, entry, pids, Optional.empty());
    }
    if (ipName != null) {
      return new NetworkNamespace(
          inode, ipName, NetworkNamespace.Kind.NAMED, entry, pids, Optional.empty());
    }
    for (int pid : pids) {
      Optional<ContainerCgroups.Container> c;
      try {
        c = ContainerCgroups.parse(ProcText.lines(proc.resolve(pid + "/cgroup")));
      } catch (IOException e) {
        continue; // exited
      }
      if (c.isPresent()) {
        return new NetworkNamespace(
            inode,
            ContainerCgroups.label(c.get(), root),
            NetworkNamespace.Kind.CONTAINER,
            entry,
            pids,
            Optional.of(c.get().id()));
      }
      break; // the first process decides: a container's first process is its init
    }
    for (int pid : pids) {
      try {
        String comm = String.join("", ProcText.lines(proc.resolve(pid + "/comm"))).strip();
        return new NetworkNamespace(
            inode,
            comm + "[" + pid + "]",
            NetworkNamespace.Kind.PROCESS,
            entry,
            pids,
            Optional.empty());
      } catch (IOException e) {
        // exited: the next one names it
      }
    }
    String name = mount != null ? mount.getParent().getFileName() + "/" + mount.getFileName() : "";
    return new NetworkNamespace(
        inode,
        name.isEmpty() ? "net:[" + inode + "]" : name,
        NetworkNamespace.Kind.MOUNT,
        entry,
        pids,
        Optional.empty());
  }

  /**
   * The namespace inode of a bind-mounted namespace file: a file on {@code nsfs} has the
   * namespace's inode; a plain empty file (a mount point whose namespace is gone) has not, and is
   * skipped because {@code stat} reports it on another file system than {@code nsfs}.
   */
  private static Optional<Long> mountedInode(Path file) {
    try {
      Object dev = Files.getAttribute(file, "unix:dev");
      Object ino = Files.getAttribute(file, "unix:ino");
      // nsfs has an anonymous device; a regular file left behind lives on the tmpfs of /run.
      Object parentDev = Files.getAttribute(file.getParent(), "unix:dev");
      if (dev.equals(parentDev)) {
        return Optional.empty();
      }
      return Optional.of((Long) ino);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean isPid(Path p) {
    String name = p.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }
}
