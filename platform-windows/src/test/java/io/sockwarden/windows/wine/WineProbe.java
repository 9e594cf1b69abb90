package io.sockwarden.windows.wine;

import io.sockwarden.model.ApplyMode;
import io.sockwarden.model.Change;
import io.sockwarden.model.CollectionContext;
import io.sockwarden.model.FactGap;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.Listener;
import io.sockwarden.model.PreparedChanges;
import io.sockwarden.model.RegistryChange;
import io.sockwarden.model.Remediation;
import io.sockwarden.model.ResourceWrite;
import io.sockwarden.model.WindowsFacts;
import io.sockwarden.windows.WindowsPlatform;
import io.sockwarden.windows.registry.JnaRegistry;
import io.sockwarden.windows.registry.RegistryException;
import io.sockwarden.windows.registry.TcpipParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs on a Windows JVM (under Wine in the tests) and prints {@code key=value} lines: the registry
 * adapter's reads, writes and errors, a full collection by the Windows platform, and a registry
 * change made and restored through the Windows remediation, as the journal does. Arguments: the
 * port a Linux-side listener holds.
 */
public final class WineProbe {
  private WineProbe() {}

  public static void main(String[] args) throws Exception {
    String key = TcpipParameters.KEY;
    JnaRegistry registry = new JnaRegistry();
    print("os.name", System.getProperty("os.name"));
    print("registry.MaxUserPort", show(registry.readDword(key, "MaxUserPort")));
    print("registry.TcpTimedWaitDelay", show(registry.readDword(key, "TcpTimedWaitDelay")));
    registry.writeDword(key, "SockwardenProbe", 0xFFFF_FFFEL);
    print("registry.unsigned", show(registry.readDword(key, "SockwardenProbe")));
    registry.deleteValue(key, "SockwardenProbe");
    print("registry.deleted", show(registry.readDword(key, "SockwardenProbe")));
    registry.deleteValue(key, "SockwardenProbe");
    print("registry.deleteAbsent", "ok");
    print("registry.multiSz", String.valueOf(registry.readStrings(key, "ReservedPorts")));
    print("registry.wrongType", error(() -> registry.readDword(key, "SockwardenText")));
    print("registry.noKey", error(() -> registry.readDword(key + "\\NoSuchKey", "X")));

    WindowsPlatform platform = new WindowsPlatform();
    print("platform.supportsCurrentHost", String.valueOf(platform.supportsCurrentHost()));
    CollectionContext context = new CollectionContext(Path.of("."), Path.of("."), Path.of("."));
    long t0 = System.nanoTime();
    HostFacts facts = platform.collect(context);
    print("collect.ms", String.valueOf((System.nanoTime() - t0) / 1_000_000));
    print("host.os", facts.host().os());
    print("host.release", facts.host().kernelRelease());
    WindowsFacts w = (WindowsFacts) facts.platform();
    print("facts.settingsRead", String.valueOf(w.settingsRead()));
    print("facts.product", w.product());
    w.registry().forEach(r -> print("facts.registry." + r.name(), r.evidence().value()));
    print(
        "facts.events",
        String.valueOf(w.events().stream().map(e -> e.eventId() + ":" + e.count()).toList()));
    for (FactGap g : facts.gaps()) {
      print("gap." + g.fact(), g.kind().label() + ": " + g.detail());
    }
    facts.problems().forEach(p -> print("problem", p.source() + ": " + p.message()));
    print("census.present", String.valueOf(facts.census().isPresent()));
    facts
        .census()
        .ifPresent(
            c -> {
              print("census.source", c.source());
              print("census.states", String.valueOf(new java.util.TreeMap<>(c.states().counts())));
              print(
                  "census.listenerPorts",
                  String.valueOf(c.listeners().stream().map(Listener::port).sorted().toList()));
            });

    Remediation remediation = platform.remediation(context);
    List<Change> changes =
        List.of(
            new RegistryChange(key, "MaxUserPort", OptionalLong.empty(), 65534, true),
            new RegistryChange(key, "TcpTimedWaitDelay", OptionalLong.of(240), 60, true));
    PreparedChanges prepared = remediation.prepare(changes, facts, ApplyMode.LIVE_AND_PERSISTENT);
    prepared.lines().forEach(l -> print("plan", l));
    List<Optional<byte[]>> originals = new ArrayList<>();
    for (ResourceWrite write : prepared.writes()) {
      originals.add(write.resource().read());
      write.resource().write(write.target());
    }
    print("applied.MaxUserPort", show(registry.readDword(key, "MaxUserPort")));
    print("applied.TcpTimedWaitDelay", show(registry.readDword(key, "TcpTimedWaitDelay")));
    for (int i = prepared.writes().size() - 1; i >= 0; i--) {
      remediation.resource(prepared.writes().get(i).resource().id()).write(originals.get(i));
    }
    print("restored.MaxUserPort", show(registry.readDword(key, "MaxUserPort")));
    print("restored.TcpTimedWaitDelay", show(registry.readDword(key, "TcpTimedWaitDelay")));

    Path file = Files.createTempFile("sockwarden", ".yaml");
    print("conventions.privileged", String.valueOf(platform.conventions().privileged()));
    print("conventions.trust", platform.conventions().trust().problem(file).orElse("trusted"));
    print("conventions.config", platform.conventions().defaultConfigFile().toString());
    Files.delete(file);
    print("done", "true");
    System.out.flush();
  }

  interface Call {
    Object run() throws Exception;
  }

  private static String error(Call call) {
    try {
      return "no error: " + call.run();
    } catch (RegistryException e) {
      return "code " + e.code() + ": " + e.getMessage();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static String show(OptionalLong v) {
    return v.isPresent() ? Long.toString(v.getAsLong()) : "absent";
  }

  private static void print(String key, String value) {
    System.out.println(key + "=" + value.replace('\n', ' '));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
