package io.sockwarden.agent.service;

import io.sockwarden.agent.core.NamespaceScan;
import io.sockwarden.agent.core.NamespacesScan;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.agent.service.ObservedFamily.Series;
import io.sockwarden.model.NetworkNamespace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One network namespace's scan, with the labels its series carry: {@code netns} and {@code
 * netns_label} when a cycle scanned several namespaces, none when it scanned the agent's own only
 * (so that output stays as it always was).
 *
 * @param scan the namespace's scan
 * @param labels label names and values, alternating; empty for the agent's own namespace alone
 */
record ScanPart(Scan scan, String[] labels) {
  /** The label that names the namespace by inode. */
  static final String NETNS = "netns";

  /** The label that names the namespace as an administrator does. */
  static final String NETNS_LABEL = "netns_label";

  /**
   * The scans a cycle made: every namespace's that could be scanned, labelled, when {@code
   * namespaces} is present; else {@code own} alone, unlabelled (none when it is null).
   */
  static List<ScanPart> of(Scan own, Optional<NamespacesScan> namespaces) {
    if (namespaces.isPresent()) {
      List<ScanPart> parts = new ArrayList<>();
      for (NamespaceScan n : namespaces.get().namespaces()) {
        n.scan().ifPresent(s -> parts.add(new ScanPart(s, labels(n.namespace()))));
      }
      return parts;
    }
    return own == null ? List.of() : List.of(new ScanPart(own, new String[0]));
  }

  /**
   * {@code netns} is the inode alone (as in the JSON report's {@code namespace.inode}, and usable
   * as a selector in the configuration), not {@code net:[INODE]}, whose brackets need escaping in
   * PromQL regular expressions.
   */
  static String[] labels(NetworkNamespace ns) {
    return new String[] {NETNS, Long.toString(ns.inode()), NETNS_LABEL, ns.label()};
  }

  /** {@code series}, with this part's labels added to every series. */
  Series labelled(Series series) {
    if (labels.length == 0) {
      return series;
    }
    return (v, own) -> series.add(v, concat(own, labels));
  }

  static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
