package io.sockwarden.linux.remediate;

import io.sockwarden.model.NetworkNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to make live values permanent for a network namespace that has no sysctl.d of its own: in the
 * definition of whatever creates it (a pod, a container, an {@code ip netns} script), so that the
 * values come back when it is re-created. Advice only: Sockwarden never edits those definitions.
 */
final class NamespaceAdvice {
  /**
   * The {@code net.*} parameters Kubernetes lets a pod set without the kubelet's {@code
   * --allowed-unsafe-sysctls} (its safe set: ip_local_reserved_ports since 1.27, tcp_fin_timeout
   * since 1.29).
   */
  static final Set<String> KUBERNETES_SAFE =
      Set.of(
          "net.ipv4.ip_local_port_range",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_fin_timeout");

  private NamespaceAdvice() {}

  /** The advice for {@code ns}, given the values to keep (key to value, in order). */
  static List<String> lines(NetworkNamespace ns, Map<String, String> values) {
    List<String> out = new ArrayList<>();
    if (values.isEmpty()) {
      return out;
    }
    out.add(
        "To keep these values when "
            + ns.label()
            + " is re-created, set them where it is defined (Sockwarden does not edit it):");
    String label = ns.label();
    if (label.startsWith("k8s:")) {
      kubernetes(out, values);
    } else if (label.startsWith("docker:")) {
      container(out, "docker", values);
    } else if (label.startsWith("podman:")) {
      container(out, "podman", values);
    } else if (label.startsWith("nspawn:")) {
      out.add(
          "    in a file of the machine's own /etc/sysctl.d (its systemd-sysctl applies it when"
              + " the machine boots):");
      values.forEach((k, v) -> out.add("        " + k + " = " + v));
    } else if (ns.kind() == NetworkNamespace.Kind.NAMED) {
      out.add("    in the script that creates it, after `ip netns add " + label + "`:");
      values.forEach(
          (k, v) -> out.add("        ip netns exec " + label + " sysctl -w " + k + "='" + v + "'"));
    } else {
      out.add("    (no container runtime names it; if it is a container's, in its definition)");
      kubernetes(out, values);
      container(out, "docker", values);
    }
    return out;
  }

  private static void kubernetes(List<String> out, Map<String, String> values) {
    out.add("    Kubernetes, in the pod's spec:");
    out.add("        securityContext:");
    out.add("          sysctls:");
    List<String> unsafe = new ArrayList<>();
    values.forEach(
        (k, v) -> {
          out.add("          - name: " + k);
          out.add("            value: \"" + v + "\"");
          if (!KUBERNETES_SAFE.contains(k)) {
            unsafe.add(k);
          }
        });
    if (!unsafe.isEmpty()) {
      out.add(
          "      not in Kubernetes' safe set, so the kubelet must allow them first"
              + " (--allowed-unsafe-sysctls="
              + String.join(",", unsafe)
              + ")");
    }
  }

  private static void container(List<String> out, String engine, Map<String, String> values) {
    StringBuilder run = new StringBuilder("    " + engine + " run");
    values.forEach((k, v) -> run.append(" --sysctl ").append(k).append("='").append(v).append("'"));
    out.add(run.append(" ...").toString());
    out.add("    or in a compose file, under the service:");
    out.add("        sysctls:");
    values.forEach((k, v) -> out.add("          " + k + ": \"" + v + "\""));
  }
}
