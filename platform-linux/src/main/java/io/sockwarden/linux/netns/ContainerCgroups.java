package io.sockwarden.linux.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the container a process belongs to from its cgroup path ({@code /proc/PID/cgroup}), the one
 * place every runtime leaves its mark, and from the runtime's own files where they give a
 * friendlier name. Parsing is pure ({@link #parse}); {@link #name} reads the runtime's files under
 * a root.
 *
 * <p>Recognised paths (cgroup v2 and v1, systemd and cgroupfs drivers):
 *
 * <ul>
 *   <li>Docker: {@code /system.slice/docker-ID.scope}, {@code /docker/ID}
 *   <li>containerd/CRI (Kubernetes): {@code .../kubepods-...-podUID.slice/cri-containerd-ID.scope},
 *       {@code /kubepods/burstable/podUID/ID}, CRI-O {@code crio-ID.scope}
 *   <li>Podman: {@code .../libpod-ID.scope}, {@code /libpod_parent/libpod-ID}
 *   <li>systemd-nspawn: {@code /machine.slice/systemd-nspawn@NAME.service/...}, {@code
 *       /machine.slice/machine-NAME.scope/...}
 * </ul>
 */
public final class ContainerCgroups {
  private ContainerCgroups() {}

  /**
   * A container as a cgroup path names it.
   *
   * @param runtime {@code docker}, {@code k8s}, {@code podman} or {@code nspawn}
   * @param id the container id (64 hex digits), or the machine name for nspawn
   * @param pod the Kubernetes pod UID, when the path has one
   */
  public record Container(String runtime, String id, Optional<String> pod) {
    /** The first 12 characters of a hex id, as {@code docker ps} shows it. */
    public String shortId() {
      return id.matches("[0-9a-f]{64}") ? id.substring(0, 12) : id;
    }
  }

  private static final String HEX = "([0-9a-f]{64})";
  private static final Pattern DOCKER =
      Pattern.compile("(?:/docker-" + HEX + "\\.scope|/docker/" + HEX + ")(?:/|$)");
  private static final Pattern CRI =
      Pattern.compile("(?:/(?:cri-containerd|crio|containerd)-" + HEX + "\\.scope|/" + HEX + ")$");
  private static final Pattern POD = Pattern.compile("pod([0-9a-f_\\-]{32,36})(?:\\.slice)?/");
  private static final Pattern PODMAN =
      Pattern.compile("/libpod-(?:conmon-)?" + HEX + "(?:\\.scope)?(?:/|$)");
  private static final Pattern NSPAWN =
      Pattern.compile(
          "/machine\\.slice/(?:systemd-nspawn@([^/]+)\\.service|machine-([^/]+)\\.scope)");

  /**
   * The container named by the lines of a {@code /proc/PID/cgroup} file, if any. The unified line
   * ({@code 0::PATH}) is preferred; a v1 line is used when there is none.
   */
  public static Optional<Container> parse(List<String> cgroupLines) {
    Optional<Container> found = Optional.empty();
    for (String line : cgroupLines) {
      int colon = line.indexOf(':', line.indexOf(':') + 1);
      if (colon < 0) {
        continue;
      }
      Optional<Container> c = fromPath(line.substring(colon + 1).strip());
      if (c.isPresent() && (line.startsWith("0::") || found.isEmpty())) {
        found = c;
      }
    }
    return found;
  }

  /** The container a single cgroup path names, if any. */
  public static Optional<Container> fromPath(String path) {
    Matcher m = NSPAWN.matcher(path);
    if (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      return Optional.of(new Container("nspawn", unescape(name), Optional.empty()));
    }
    m = PODMAN.matcher(path);
    if (m.find()) {
      return Optional.of(new Container("podman", m.group(1), Optional.empty()));
    }
    if (path.contains("kubepods")) {
      m = CRI.matcher(path);
      if (m.find()) {
        String id = m.group(1) != null ? m.group(1) : m.group(2);
        Matcher pod = POD.matcher(path);
        Optional<String> uid =
            pod.find() ? Optional.of(pod.group(1).replace('_', '-')) : Optional.empty();
        return Optional.of(new Container("k8s", id, uid));
      }
      return Optional.empty();
    }
    m = DOCKER.matcher(path);
    if (m.find()) {
      return Optional.of(
          new Container("docker", m.group(1) != null ? m.group(1) : m.group(2), Optional.empty()));
    }
    return Optional.empty();
  }

  /** systemd unit-name escaping: {@code \x2d} stands for {@code -}. */
  static String unescape(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      if (name.startsWith("\\x", i) && i + 4 <= name.length()) {
        try {
          out.append((char) Integer.parseInt(name.substring(i + 2, i + 4), 16));
          i += 3;
          continue;
        } catch (NumberFormatException e) {
          // not an escape: keep the text
        }
      }
      out.append(name.charAt(i));
    }
    return out.toString();
  }

  private static final Pattern DOCKER_NAME = Pattern.compile("\"Name\"\\s*:\\s*\"/?([^\"]+)\"");
  private static final Pattern SANDBOX_NAME =
      Pattern.compile("\"io\\.kubernetes\\.cri\\.sandbox-name\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern SANDBOX_NAMESPACE =
      Pattern.compile("\"io\\.kubernetes\\.cri\\.sandbox-namespace\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern PODMAN_NAME =
      Pattern.compile("\"io\\.podman\\.annotations\\.name\"\\s*:\\s*\"([^\"]+)\"");

  /**
   * The label of {@code c}: {@code docker:NAME}, {@code k8s:NAMESPACE/POD}, {@code podman:NAME},
   * {@code nspawn:MACHINE}; the short id in place of a name the runtime's files under {@code root}
   * do not give (Docker's {@code /var/lib/docker/containers/ID/config.v2.json}, containerd's OCI
   * bundle {@code /run/containerd/io.containerd.runtime.v2.task/k8s.io/ID/config.json}, Podman's
   * {@code /var/lib/containers/storage/overlay-containers/ID/userdata/config.json}).
   */
  public static String label(Container c, Path root) {
    return switch (c.runtime()) {
      case "docker" ->
          "docker:"
              + find(
                      root.resolve("var/lib/docker/containers/" + c.id() + "/config.v2.json"),
                      DOCKER_NAME)
                  .orElse(c.shortId());
      case "k8s" -> {
        Path bundle =
            root.resolve("run/containerd/io.containerd.runtime.v2.task/k8s.io/" + c.id())
                .resolve("config.json");
        Optional<String> pod = find(bundle, SANDBOX_NAME);
        Optional<String> ns = find(bundle, SANDBOX_NAMESPACE);
        yield "k8s:"
            + (pod.isPresent() ? ns.map(n -> n + "/").orElse("") + pod.get() : c.shortId());
      }
      case "podman" ->
          "podman:"
              + find(
                      root.resolve(
                          "var/lib/containers/storage/overlay-containers/"
                              + c.id()
                              + "/userdata/config.json"),
                      PODMAN_NAME)
                  .orElse(c.shortId());
      default -> c.runtime() + ":" + c.id();
    };
  }

  private static Optional<String> find(Path file, Pattern pattern) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > 4 << 20) {
        return Optional.empty();
      }
      Matcher m = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
