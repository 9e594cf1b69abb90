package io.sockwarden.linux.remediate;

import io.sockwarden.linux.proc.ProcText;
import io.sockwarden.model.Resource;
import io.sockwarden.model.Sysctl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A kernel parameter's running value, {@code <proc>/sys/<key with dots as slashes>}. Writing it
 * changes the kernel at once (for {@code net.*} keys, in the network namespace of the thread that
 * opens it: this process's, or the one its {@link LiveAccess} enters).
 */
final class LiveSysctl implements Resource {
  static final String PREFIX = "live:";
  private final String key;
  private final Path path;
  private final LiveAccess access;

  LiveSysctl(String key, Path path, LiveAccess access) {
    this.key = key;
    this.path = path;
    this.access = access;
  }

  /** The key a {@code .../sys/a/b/c} path stands for: {@code a.b.c}. */
  static String keyOf(Path path) {
    String s = path.toString();
    int sys = s.lastIndexOf("/sys/");
    return s.substring(sys + 5).replace('/', '.');
  }

  String key() {
    return key;
  }

  Path path() {
    return path;
  }

  @Override
  public String id() {
    return PREFIX + path.toAbsolutePath();
  }

  @Override
  public String describe() {
    return key + " (live)";
  }

  /** Whether the parameter exists on this side (some exist only in the host's namespace). */
  boolean exists() throws IOException {
    return access.call(() -> Files.isRegularFile(path));
  }

  /** Whether this process may write it on this side (not under a read-only /proc/sys). */
  boolean writable() throws IOException {
    return access.call(() -> Files.isWritable(path));
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    return access.call(() -> Optional.of(ProcText.read(path).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void write(Optional<byte[]> content) throws IOException {
    if (content.isEmpty()) {
      throw new IOException(key + ": a kernel parameter cannot be removed");
    }
    // One write(2) of the whole value ending in a newline, as sysctl(8) does. An empty value
    // (clearing ip_local_reserved_ports) must still be written, as "\n": zero bytes change nothing.
    byte[] given = content.get();
    byte[] value = given;
    if (given.length == 0 || given[given.length - 1] != '\n') {
      value = java.util.Arrays.copyOf(given, given.length + 1);
      value[given.length] = '\n';
    }
    byte[] line = value;
    access.call(
        () ->
            Files.write(
                path, line, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
  }

  /** {@code net.*} parameters belong to the network namespace they were written in. */
  @Override
  public boolean scoped() {
    return key.startsWith("net.");
  }

  @Override
  public boolean matches(Optional<byte[]> actual, Optional<byte[]> expected) {
    return actual.isPresent()
        && expected.isPresent()
        && text(actual.get()).equals(text(expected.get()));
  }

  @Override
  public String render(Optional<byte[]> content) {
    return content.map(LiveSysctl::text).orElse("absent");
  }

  static String text(byte[] bytes) {
    return Sysctl.normalise(new String(bytes, StandardCharsets.UTF_8));
  }
}
