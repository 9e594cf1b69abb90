package io.sockwarden.agent.cli;

import io.sockwarden.agent.core.HostSession;
import io.sockwarden.model.NetworkNamespace;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --namespace}: which network namespace {@code plan}, {@code apply} and {@code rollback}
 * change.
 */
public final class NamespaceOption {
  @Option(
      names = "--namespace",
      paramLabel = "LABEL|INODE",
      description =
          "Work inside this network namespace instead of the agent's own: its label, inode or"
              + " net:[INODE], as `scan --all-namespaces` shows them (docker:web, k8s:shop/cart-1,"
              + " an `ip netns` name). Only live values are changed there: no sysctl.d applies to"
              + " a container's namespace, so the plan shows the pod or container setting that"
              + " keeps them (Kubernetes securityContext.sysctls, docker run --sysctl). Needs"
              + " root.")
  String selector;

  /** The namespace named, if one was; resolved among those on the host now. */
  Optional<NetworkNamespace> resolve(HostSession session) {
    return Optional.ofNullable(selector).map(session::namespace);
  }
}
