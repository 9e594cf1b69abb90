package io.sockwarden.model;

import java.util.Objects;

/**
 * A fact a platform was expected to collect but could not provide, and why. Rules declare the facts
 * they need ({@code @requires} metadata); a rule whose needed fact has a gap is not evaluated, and
 * the scan says so instead of passing the rule silently.
 *
 * <p>Fact names: a sysctl key ({@code net.core.somaxconn}), a counter ({@code
 * TcpExt.ListenOverflows}), or one of the collected groups {@code sockets} (TCP states, listeners,
 * destinations) and {@code processes} (descriptor use per process).
 *
 * @param fact the fact's name
 * @param kind why it is missing
 * @param detail what went wrong, in words; for an unparsable value it quotes the text read
 * @param source where it was looked for: a file, a registry path, an API
 */
public record FactGap(String fact, Kind kind, String detail, String source) {
  /** Why a fact is missing. */
  public enum Kind {
    /**
     * The host does not have it (an older kernel without the key): rules that need it do not apply,
     * and the scan's verdict is not affected.
     */
    NOT_APPLICABLE,
    /** It should be there but could not be read (permission, I/O error, timeout). */
    UNREADABLE,
    /** It was read, but the text is not what the kernel writes there ({@code abc} for a number). */
    UNPARSABLE;

    /** Whether a rule needing a fact with this gap leaves the scan incomplete. */
    public boolean incomplete() {
      return this != NOT_APPLICABLE;
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  public FactGap {
    Objects.requireNonNull(fact, "fact");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(source, "source");
  }

  /**
   * {@code net.core.somaxconn: unparsable: 'abc' is not a number (/proc/sys/net/core/somaxconn)}.
   */
  public String describe() {
    return fact + ": " + kind.label() + ": " + detail + " (" + source + ")";
  }
}
