package io.sockwarden.agent.config;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the service keys of {@code agent.yaml} ({@code schedule}, {@code remediation}, {@code
 * reports}, {@code metrics}, {@code namespaces}) into {@link ServiceSettings}, with every bound
 * checked and every error naming the file and key.
 */
final class ServiceSection {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(s|m|h|d)");
  private static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");

  private ServiceSection() {}

  static ServiceSettings resolve(Path file, ConfigDocument doc) {
    ServiceSettings d = ServiceSettings.DEFAULTS;
    Duration every = d.every();
    Duration splay = null;
    if (doc.schedule() != null) {
      if (doc.schedule().every() != null) {
        every = duration(file, "schedule.every", doc.schedule().every());
        if (every.compareTo(Duration.ofSeconds(10)) < 0
            || every.compareTo(Duration.ofDays(1)) > 0) {
          throw usage(
              file + ": schedule.every = " + doc.schedule().every() + " is out of range 10s..24h");
        }
      }
      if (doc.schedule().splay() != null) {
        splay = duration(file, "schedule.splay", doc.schedule().splay());
      }
    }
    if (splay == null) {
      // The default splay never exceeds a shorter interval an administrator chose.
      splay = d.splay().compareTo(every) > 0 ? every : d.splay();
    }
    if (splay.compareTo(every) > 0) {
      throw usage(
          file
              + ": schedule.splay ("
              + splay.toSeconds()
              + " s) must not exceed schedule.every ("
              + every.toSeconds()
              + " s)");
    }
    boolean auto = d.autoRemediation();
    Set<String> allow = d.allow();
    int maxChanges = d.maxChangesPerCycle();
    if (doc.remediation() != null) {
      ConfigDocument.RemediationSection r = doc.remediation();
      if (r.mode() != null) {
        auto =
            switch (r.mode().toLowerCase(Locale.ROOT)) {
              case "report" -> false;
              case "auto" -> true;
              default ->
                  throw usage(
                      file + ": remediation.mode = '" + r.mode() + "': expected report or auto");
            };
      }
      if (r.allow() != null) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : r.allow()) {
          if (id == null || !RULE_ID.matcher(id).matches()) {
            throw usage(file + ": remediation.allow: '" + id + "' is not a rule id");
          }
          ids.add(id);
        }
        allow = ids;
      }
      if (r.maxChangesPerCycle() != null) {
        maxChanges = r.maxChangesPerCycle();
        if (maxChanges < 1 || maxChanges > 100) {
          throw usage(
              file
                  + ": remediation.max-changes-per-cycle = "
                  + maxChanges
                  + " is out of range 1..100");
        }
      }
      if (auto && allow.isEmpty()) {
        throw usage(
            file
                + ": remediation.mode is auto but remediation.allow names no rule; list the rule"
                + " ids the agent may fix on its own");
      }
    }
    int keep = d.reportsKeep();
    Duration maxAge = d.reportsMaxAge();
    if (doc.reports() != null) {
      if (doc.reports().keep() != null) {
        keep = doc.reports().keep();
        if (keep < 1 || keep > 100_000) {
          throw usage(file + ": reports.keep = " + keep + " is out of range 1..100000");
        }
      }
      if (doc.reports().maxAgeDays() != null) {
        int days = doc.reports().maxAgeDays();
        if (days < 1 || days > 3650) {
          throw usage(file + ": reports.max-age-days = " + days + " is out of range 1..3650");
        }
        maxAge = Duration.ofDays(days);
      }
    }
    Optional<Path> textfile = d.metricsTextfile();
    Optional<InetSocketAddress> listen = d.metricsListen();
    int top = d.topDestinations();
    if (doc.metrics() != null) {
      ConfigDocument.MetricsSection m = doc.metrics();
      if (m.textfile() != null) {
        Path p = Path.of(m.textfile());
        if (!p.isAbsolute() || !p.getFileName().toString().endsWith(".prom")) {
          throw usage(
              file
                  + ": metrics.textfile = '"
                  + m.textfile()
                  + "' must be an absolute path ending in .prom (node_exporter reads only those)");
        }
        textfile = Optional.of(p);
      }
      if (m.listen() != null) {
        listen = Optional.of(ListenAddress.parse(file + ": metrics.listen", m.listen()));
      }
      if (m.topDestinations() != null) {
        top = m.topDestinations();
        if (top < 1 || top > 100) {
          throw usage(file + ": metrics.top-destinations = " + top + " is out of range 1..100");
        }
      }
    }
    NamespaceScope namespaces = doc.namespaces() != null ? doc.namespaces() : d.namespaces();
    return new ServiceSettings(
        every, splay, auto, allow, maxChanges, keep, maxAge, textfile, listen, top, namespaces);
  }

  /** {@code 15m}, {@code 30s}, {@code 1h}, {@code 2d}. */
  static Duration duration(Path file, String key, String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw usage(
          file + ": " + key + " = '" + text + "': expected a number and a unit, e.g. 15m, 30s, 1h");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static AgentException usage(String message) {
    return new AgentException(Failure.INVALID, message);
  }
}
