package io.sockwarden.model;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * One piece of host state a change touches, that can be read and restored byte for byte: a live
 * kernel parameter, a configuration file, a registry value. The journal stores what {@link #read()}
 * returned before a change and gives it back to {@link #write} to undo it.
 */
public interface Resource {
  /**
   * A stable identifier the journal records and {@link Remediation#resource(String)} resolves, e.g.
   * {@code live:/proc/sys/net/core/somaxconn} or {@code file:/etc/sysctl.d/90-sockwarden.conf}.
   */
  String id();

  /** What it is, for people: {@code net.core.somaxconn (live)}. */
  String describe();

  /** The current content; empty when the resource is absent (a file that does not exist). */
  Optional<byte[]> read() throws IOException;

  /** Makes the content {@code content}; empty removes the resource. */
  void write(Optional<byte[]> content) throws IOException;

  /**
   * Whether {@code actual} counts as {@code expected}. Byte equality by default; a live kernel
   * parameter ignores white-space differences (the kernel prints tabs where we write spaces).
   */
  default boolean matches(Optional<byte[]> actual, Optional<byte[]> expected) {
    if (actual.isPresent() != expected.isPresent()) {
      return false;
    }
    return actual.isEmpty() || Arrays.equals(actual.get(), expected.get());
  }

  /**
   * Whether the live value belongs to the {@link Remediation#scope() scope} it was written in (a
   * {@code net.*} kernel parameter belongs to one network namespace) rather than to the whole host.
   */
  default boolean scoped() {
    return false;
  }

  /** A short rendering of a content for messages (a value, or a file's size). */
  default String render(Optional<byte[]> content) {
    return content.map(b -> b.length + " bytes").orElse("absent");
  }
}
