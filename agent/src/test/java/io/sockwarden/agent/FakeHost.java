package io.sockwarden.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A host laid out under a temporary directory: a proc tree with modern kernel defaults (edit with
 * {@link #sysctl}), a file system root, a state directory, an empty rules directory and an empty
 * configuration file. {@link #args} points the CLI at all of them.
 */
public final class FakeHost {
  public final Path dir;
  public final Path proc;
  public final Path root;
  public final Path state;
  public final Path rules;
  public final Path config;

  public FakeHost(Path dir) {
    this.dir = dir;
    this.proc = dir.resolve("proc");
    this.root = dir.resolve("root");
    this.state = dir.resolve("state");
    this.rules = dir.resolve("rules.d");
    this.config = dir.resolve("agent.yaml");
    try {
      Files.createDirectories(root);
      Files.createDirectories(rules);
      Files.writeString(config, "# defaults\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sysctl("net.core.somaxconn", "4096");
    sysctl("net.ipv4.tcp_max_syn_backlog", "512");
    sysctl("net.ipv4.tcp_syncookies", "1");
    sysctl("net.ipv4.ip_local_port_range", "32768\t60999");
    sysctl("net.ipv4.ip_local_reserved_ports", "");
    sysctl("net.ipv4.tcp_tw_reuse", "2");
    sysctl("net.ipv4.tcp_fin_timeout", "60");
    sysctl("net.ipv4.tcp_max_tw_buckets", "131072");
    sysctl("fs.file-max", "2000000");
    sysctl("fs.nr_open", "1048576");
    sysctl("fs.file-nr", "1000\t0\t2000000");
    sysctl("kernel.osrelease", "6.1.0-test");
    sysctl("kernel.hostname", "fakehost");
    sysctl("kernel.random.boot_id", "00000000-0000-0000-0000-000000000001");
    file("net/sockstat", "sockets: used 10\nTCP: inuse 3 orphan 0 tw 1 alloc 4 mem 1\n");
    file("net/sockstat6", "TCP6: inuse 1\n");
    counters(0, 0, 0);
    tcp();
    file("net/tcp6", TCP_HEADER);
    try {
      Files.createDirectories(proc.resolve("self/ns"));
      Files.createSymbolicLink(proc.resolve("self/ns/net"), Path.of("net:[4026531999]"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String TCP_HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode\n";

  /** Sets {@code net/tcp} to the header and {@code lines} (the kernel's format). */
  public FakeHost tcp(String... lines) {
    return file("net/tcp", TCP_HEADER + String.join("\n", lines) + (lines.length > 0 ? "\n" : ""));
  }

  public FakeHost sysctl(String key, String value) {
    return file("sys/" + key.replace('.', '/'), value + "\n");
  }

  public FakeHost counters(long listenOverflows, long listenDrops, long reqQFullDrop) {
    return file(
        "net/netstat",
        "TcpExt: ListenOverflows ListenDrops TCPReqQFullDrop TCPReqQFullDoCookies SyncookiesSent"
            + " SyncookiesRecv SyncookiesFailed TCPTimeWaitOverflow TWRecycled TW\n"
            + "TcpExt: "
            + listenOverflows
            + " "
            + listenDrops
            + " "
            + reqQFullDrop
            + " 0 0 0 0 0 0 0\n");
  }

  public FakeHost file(String relativeToProc, String content) {
    return write(proc.resolve(relativeToProc), content);
  }

  public FakeHost rootFile(String absolute, String content) {
    return write(root.resolve(absolute.substring(1)), content);
  }

  public FakeHost write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * The host path options (--proc-root, --root, --state-dir), then {@code more}: for commands
   * without configuration options (facts, history, rollback). Every command a test runs must point
   * --state-dir here: the default is the real host's journal.
   */
  public String[] hostArgs(String command, String... more) {
    List<String> a = new ArrayList<>(List.of(command.split(" ")));
    a.addAll(
        List.of(
            "--proc-root", proc.toString(),
            "--root", root.toString(),
            "--state-dir", state.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  /** {@link #hostArgs} plus the configuration and rules options, then {@code more}. */
  public String[] args(String command, String... more) {
    List<String> a = new ArrayList<>(List.of(hostArgs(command)));
    a.addAll(List.of("--config", config.toString(), "--rules-dir", rules.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }
}
