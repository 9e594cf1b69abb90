package io.sockwarden.windows.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockwarden.model.PortExclusion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetshOutputTest {
  static String fixture(String name) {
    try (InputStream in = NetshOutputTest.class.getResourceAsStream("/netsh/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @CsvSource({"en, 49152, 16384", "de, 10000, 55535", "ja, 49152, 16384"})
  void readsTheDynamicRangeInEveryLanguage(String lang, int start, int count) {
    DynamicRange r =
        NetshOutput.dynamicPort(fixture("dynamicport-" + lang + ".txt"), "ipv4", "netsh");
    assertThat(r.start()).isEqualTo(start);
    assertThat(r.count()).isEqualTo(count);
    assertThat(r.end()).isEqualTo(start + count - 1);
  }

  @Test
  void wineStubOutputIsAnErrorNotADefault() {
    assertThatThrownBy(() -> NetshOutput.dynamicPort("", "ipv4", "netsh"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found 0 numbers")
        .hasMessageContaining("(no output)");
  }

  @Test
  void anImpossibleRangeIsAnError() {
    assertThatThrownBy(
            () ->
                NetshOutput.dynamicPort(
                    "Start Port : 60000\nNumber of Ports : 16384\n", "ipv4", "n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsExcludedRangesAndTheAdministeredMark() {
    assertThat(NetshOutput.excludedRanges(fixture("excluded-en.txt"), "ipv4", "n"))
        .containsExactly(
            new PortExclusion("ipv4", 5357, 5357, false, "n"),
            new PortExclusion("ipv4", 50000, 50059, true, "n"),
            new PortExclusion("ipv4", 50060, 50159, false, "n"));
    assertThat(NetshOutput.excludedRanges(fixture("excluded-de.txt"), "ipv6", "n"))
        .containsExactly(
            new PortExclusion("ipv6", 1433, 1433, true, "n"),
            new PortExclusion("ipv6", 49709, 49808, false, "n"));
    List<PortExclusion> ja = NetshOutput.excludedRanges(fixture("excluded-ja.txt"), "ipv4", "n");
    assertThat(ja).containsExactly(new PortExclusion("ipv4", 50000, 50059, true, "n"));
  }

  @Test
  void noOutputIsAnErrorNotAnEmptyList() {
    assertThatThrownBy(() -> NetshOutput.excludedRanges("\r\n", "ipv4", "n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noExclusionsIsAnEmptyList() {
    assertThat(
            NetshOutput.excludedRanges("\r\nProtocol tcp Port Exclusion Ranges\r\n", "ipv4", "n"))
        .isEmpty();
  }

  @Test
  void netshSettingsRunTheDocumentedCommands() throws IOException {
    List<List<String>> ran = new java.util.ArrayList<>();
    NetshPortSettings netsh =
        new NetshPortSettings(
            c -> {
              ran.add(c);
              return c.contains("dynamicport") ? fixture("dynamicport-ja.txt") : "";
            });
    assertThat(netsh.dynamicRange("ipv6").start()).isEqualTo(49152);
    netsh.setDynamicRange("ipv4", 10000, 55536);
    assertThat(ran)
        .containsExactly(
            List.of("netsh", "int", "ipv6", "show", "dynamicport", "tcp"),
            List.of(
                "netsh", "int", "ipv4", "set", "dynamicport", "tcp", "start=10000", "num=55536"));
  }

  @Test
  void wmiFailureFallsBackToNetshAndSaysWhy() throws IOException {
    WindowsPortSettings settings =
        new WindowsPortSettings(
            () -> {
              throw new IOException("WMI ROOT\\StandardCimv2 MSFT_NetTCPSetting: 0x8004100E");
            },
            new NetshPortSettings(c -> fixture("dynamicport-de.txt")));
    DynamicRange r = settings.dynamicRange("ipv4");
    assertThat(r.start()).isEqualTo(10000);
    assertThat(r.source()).contains("netsh int ipv4 show dynamicport tcp").contains("0x8004100E");
  }

  @Test
  void wmiAnswersForIpv4() throws IOException {
    WindowsPortSettings settings =
        new WindowsPortSettings(
            () -> new DynamicRange("ipv4", 49152, 16384, "WMI"),
            new NetshPortSettings(
                c -> {
                  throw new IOException("netsh must not run");
                }));
    assertThat(settings.dynamicRange("ipv4").source()).isEqualTo("WMI");
  }
}
