package io.sockwarden.windows.remediate;

import io.sockwarden.model.Resource;
import io.sockwarden.windows.registry.Registry;
import io.sockwarden.windows.registry.TcpipParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A REG_DWORD under {@code Tcpip\Parameters}. Its content is the decimal value; absent content is a
 * value that is not set, so restoring an original "not set" deletes the value instead of writing 0
 * (which Windows would read as a setting).
 */
final class RegistryDwordResource implements Resource {
  static final String PREFIX = "registry:HKLM\\" + TcpipParameters.KEY + "\\";

  private final Registry registry;
  private final String name;

  RegistryDwordResource(Registry registry, String name) {
    this.registry = registry;
    this.name = name;
  }

  String name() {
    return name;
  }

  @Override
  public String id() {
    return PREFIX + name;
  }

  @Override
  public String describe() {
    return "HKLM\\" + TcpipParameters.KEY + "\\" + name + " (registry, read at boot)";
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    var value = registry.readDword(TcpipParameters.KEY, name);
    return value.isPresent()
        ? Optional.of(Long.toString(value.getAsLong()).getBytes(StandardCharsets.US_ASCII))
        : Optional.empty();
  }

  @Override
  public void write(Optional<byte[]> content) throws IOException {
    if (content.isEmpty()) {
      registry.deleteValue(TcpipParameters.KEY, name);
      return;
    }
    String text = new String(content.get(), StandardCharsets.US_ASCII).strip();
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(name + ": '" + text + "' is not a number", e);
    }
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IOException(name + ": " + value + " is not a DWORD");
    }
    registry.writeDword(TcpipParameters.KEY, name, value);
  }

  @Override
  public String render(Optional<byte[]> content) {
    return content.map(b -> new String(b, StandardCharsets.US_ASCII)).orElse("not set");
  }
}
