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
 * changes the kernel at once (for {@code net.*} keys, in this process's network namespace).
 */
final class LiveSysctl implements Resource {
  static final String PREFIX = "live:";
  private final String key;
  private final Path path;

  LiveSysctl(String key, Path path) {
    this.key = key;
    this.path = path;
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

  @Override
  public Optional<byte[]> read() throws IOException {
    return Optional.of(ProcText.read(path).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void write(Optional<byte[]> content) throws IOException {
    if (content.isEmpty()) {
      throw new IOException(key + ": a kernel parameter cannot be removed");
    }
    // One write(2) of the whole value ending in a newline, as sysctl(8) does. An empty value
    // (clearing ip_local_reserved_ports) must still be written, as "\n": zero bytes change nothing.
    byte[] value = content.get();
    if (value.length == 0 || value[value.length - 1] != '\n') {
      value = java.util.Arrays.copyOf(value, value.length + 1);
      value[value.length - 1] = '\n';
    }
    Files.write(path, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
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
