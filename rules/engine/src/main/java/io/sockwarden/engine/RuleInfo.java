package io.sockwarden.engine;

import io.sockwarden.model.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A rule as listed by {@code sockwarden rules list}.
 *
 * @param id the stable {@code @id}
 * @param severity the default {@code @severity}
 * @param name the rule's name in its DRL file
 * @param origin {@code built-in} or the path of the administrator's rule file
 * @param requires the facts named by {@code @requires} whose absence makes the rule's verdict
 *     meaningless (sysctl keys, counter names, {@code sockets}, {@code processes})
 * @param platform the {@code @platform} it applies to ({@code linux}, {@code windows}), or empty
 *     for every platform
 */
public record RuleInfo(
    String id,
    Severity severity,
    String name,
    String origin,
    List<String> requires,
    String platform) {
  public RuleInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(origin, "origin");
    requires = List.copyOf(requires);
    Objects.requireNonNull(platform, "platform");
  }

  /** A rule that needs no fact by name and applies to every platform. */
  public RuleInfo(String id, Severity severity, String name, String origin) {
    this(id, severity, name, origin, List.of(), "");
  }

  /** Whether the rule applies on a host whose {@code HostInfo.os()} is {@code os}. */
  public boolean appliesTo(String os) {
    return platform.isEmpty() || platform.equals(os.toLowerCase(Locale.ROOT));
  }
}
