package io.sockwarden.windows.remediate;

import io.sockwarden.model.Resource;
import io.sockwarden.windows.ports.DynamicRange;
import io.sockwarden.windows.ports.PortSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TCP dynamic port range of one address family, as {@code start=N num=M}. Written with {@code
 * netsh int <family> set dynamicport tcp}, which changes it at once and persistently; it always
 * exists, so it cannot be removed.
 */
final class DynamicRangeResource implements Resource {
  static final String PREFIX = "netsh:dynamicport:tcp:";
  private static final Pattern CONTENT = Pattern.compile("start=(\\d{1,5}) num=(\\d{1,5})");

  private final PortSettings ports;
  private final String family;

  DynamicRangeResource(PortSettings ports, String family) {
    this.ports = ports;
    this.family = family;
  }

  String family() {
    return family;
  }

  static byte[] content(int start, int count) {
    return ("start=" + start + " num=" + count).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String id() {
    return PREFIX + family;
  }

  @Override
  public String describe() {
    return "TCP dynamic port range (" + family + ", netsh)";
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    DynamicRange r = ports.dynamicRange(family);
    return Optional.of(content(r.start(), r.count()));
  }

  @Override
  public void write(Optional<byte[]> content) throws IOException {
    if (content.isEmpty()) {
      throw new IOException(describe() + " cannot be removed");
    }
    String text = new String(content.get(), StandardCharsets.US_ASCII).strip();
    Matcher m = CONTENT.matcher(text);
    if (!m.matches()) {
      throw new IOException(describe() + ": '" + text + "' is not start=N num=M");
    }
    int start = Integer.parseInt(m.group(1));
    int count = Integer.parseInt(m.group(2));
    Optional<String> bad = DynamicRangeBounds.problem(start, count);
    if (bad.isPresent()) {
      throw new IOException(describe() + ": " + bad.get());
    }
    ports.setDynamicRange(family, start, count);
  }

  @Override
  public String render(Optional<byte[]> content) {
    return content.map(b -> new String(b, StandardCharsets.US_ASCII)).orElse("absent");
  }
}
