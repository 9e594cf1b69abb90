package io.sockwarden.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What only Windows has: the TCP/IP registry parameters, the IPv6 dynamic port range (the IPv4 one
 * is {@link HostFacts#ephemeralRange()}), excluded port ranges and port-exhaustion events.
 *
 * @param product the product name and version, e.g. {@code Windows Server 2019 Datacenter 1809}
 * @param build the OS build number, 0 when unknown (17763 is Windows Server 2019)
 * @param registry the values read under {@code Tcpip\Parameters}, set or not set ({@code
 *     MaxUserPort}, {@code TcpTimedWaitDelay})
 * @param reservedPorts the {@code ReservedPorts} REG_MULTI_SZ entries ({@code 50000-50100}), empty
 *     when not set
 * @param ipv6Range the IPv6 TCP dynamic port range, when it was read
 * @param exclusions excluded port ranges of both families
 * @param events port-exhaustion events, when the event log could be read
 * @param registryRead whether the {@code Tcpip\Parameters} key could be read
 */
public record WindowsFacts(
    String product,
    int build,
    List<RegistryValue> registry,
    List<String> reservedPorts,
    Optional<EphemeralRange> ipv6Range,
    List<PortExclusion> exclusions,
    List<TcpipEvents> events,
    boolean registryRead)
    implements PlatformFacts {
  public WindowsFacts {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(ipv6Range, "ipv6Range");
    registry = List.copyOf(registry);
    reservedPorts = List.copyOf(reservedPorts);
    exclusions = List.copyOf(exclusions);
    events = List.copyOf(events);
  }

  /** A registry value under {@code Tcpip\Parameters}, when it was read. */
  public Optional<RegistryValue> registryValue(String name) {
    return registry.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  @Override
  public boolean settingsRead() {
    return registryRead;
  }

  @Override
  public List<Object> ruleFacts() {
    List<Object> all = new ArrayList<>(registry);
    ipv6Range.ifPresent(all::add);
    all.addAll(exclusions);
    all.addAll(events);
    return all;
  }
}
