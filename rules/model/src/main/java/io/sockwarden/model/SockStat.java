package io.sockwarden.model;

import java.util.Map;
import java.util.Objects;

/**
 * One protocol line of {@code /proc/net/sockstat} or {@code sockstat6}, e.g. {@code TCP: inuse 5
 * orphan 0 tw 2 alloc 7 mem 1}. Which fields exist depends on the protocol and the kernel; {@link
 * #get(String)} returns -1 for a field that is absent.
 *
 * @param protocol {@code TCP}, {@code TCP6}, {@code UDP}, ...
 * @param fields field name to value
 * @param source the file it was read from
 */
public record SockStat(String protocol, Map<String, Long> fields, String source)
    implements Evidential {
  public SockStat {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(source, "source");
    fields = Map.copyOf(fields);
  }

  public long get(String field) {
    return fields.getOrDefault(field, -1L);
  }

  @Override
  public Evidence evidence() {
    return new Evidence(protocol, new java.util.TreeMap<>(fields).toString(), source);
  }
}
