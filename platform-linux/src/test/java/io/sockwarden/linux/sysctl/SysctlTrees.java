package io.sockwarden.linux.sysctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic generator of sysctl configuration trees (etc/sysctl.d, run/sysctl.d, ...,
 * etc/sysctl.conf) for the differential test against systemd-sysctl. Each tree mixes random
 * assignments with one featured case, so that every rule of sysctl.d(5) is exercised several times
 * in 40 trees. Only per-network-namespace keys, with values the kernel accepts.
 */
final class SysctlTrees {
  static final List<String> KEYS =
      List.of(
          "net.core.somaxconn",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.tcp_max_syn_backlog",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.tcp_fin_timeout");

  private static final Map<String, List<String>> VALUES =
      Map.of(
          "net.core.somaxconn", List.of("1024", "2048", "8192", "16384", "4095", "65535"),
          "net.ipv4.tcp_syncookies", List.of("0", "1", "2"),
          "net.ipv4.tcp_max_syn_backlog", List.of("512", "1024", "4096", "8192", "65536"),
          "net.ipv4.ip_local_port_range",
              List.of("1024 65535", "10000\t60999", "32768  61000", "20000 40001", "2000 3000"),
          "net.ipv4.tcp_fin_timeout", List.of("10", "15", "30", "45", "120"));

  static final String[] CASES = {
    "hidden dot-files",
    "/etc/sysctl.conf without 99-sysctl.conf link",
    "/etc/sysctl.conf linked as 99-sysctl.conf -> ../sysctl.conf",
    "99-sysctl.conf masked by /dev/null",
    "99-sysctl.conf a regular file",
    "99-sysctl.conf -> /etc/sysctl.conf (absolute)",
    "-key without '=' cancels",
    "-key = value (ignore errors)",
    "Latin-1 bytes",
    "masks: empty file, /dev/null, dangling link, directory",
    "same name in several directories",
    "names that are not *.conf",
    "key spellings: slashes, leading slash, doubled dots",
    "white space, line ends, lines without '='",
  };

  private static final String[] DIRS = {
    "etc/sysctl.d", "run/sysctl.d", "usr/local/lib/sysctl.d", "usr/lib/sysctl.d", "lib/sysctl.d"
  };

  /** One entry of a tree: file content, a symbolic link, or a directory. */
  sealed interface Node permits Content, Link, Dir {}

  record Content(byte[] bytes) implements Node {}

  record Link(String target) implements Node {}

  record Dir() implements Node {}

  /** A generated tree: relative path to node, in creation order. */
  record Tree(int index, String featured, Map<String, Node> nodes) {
    void writeTo(Path root) throws IOException {
      Files.createDirectories(root);
      for (Map.Entry<String, Node> e : nodes.entrySet()) {
        Path p = root.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Node node = e.getValue();
        if (node instanceof Content c) {
          Files.write(p, c.bytes());
        } else if (node instanceof Link l) {
          Files.createSymbolicLink(p, Path.of(l.target()));
        } else {
          Files.createDirectories(p);
        }
      }
    }

    String describe() {
      StringBuilder out = new StringBuilder("tree " + index + " (" + featured + "):\n");
      nodes.forEach(
          (path, node) -> {
            out.append("  ").append(path);
            if (node instanceof Content c) {
              out.append(": ").append(escape(c.bytes()));
            } else if (node instanceof Link l) {
              out.append(" -> ").append(l.target());
            } else {
              out.append("/ (directory)");
            }
            out.append('\n');
          });
      return out.toString();
    }
  }

  private final Random random;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private boolean splitUsr;

  private SysctlTrees(long seed) {
    this.random = new Random(seed);
  }

  static Tree generate(long seed, int index) {
    return new SysctlTrees(seed * 1_000_003L + index).build(index);
  }

  private Tree build(int index) {
    int layout = random.nextInt(3);
    splitUsr = layout == 0;
    if (layout == 1) {
      nodes.put("usr/lib", new Dir());
      nodes.put("lib", new Link("usr/lib")); // merged /usr
    }
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      file(dir(), name(), randomLines(1 + random.nextInt(4)));
    }
    int featured = index % CASES.length;
    feature(featured);
    if (random.nextInt(3) == 0) {
      file(dir(), name(), randomLines(1 + random.nextInt(3)));
    }
    return new Tree(index, CASES[featured], new LinkedHashMap<>(nodes));
  }

  private void feature(int featured) {
    switch (featured) {
      case 0 -> {
        file("etc/sysctl.d", ".zz-hidden.conf", randomLines(3));
        file(dir(), ".conf", randomLines(2));
        file(dir(), ".99-backup.conf", randomLines(2));
      }
      case 1 -> file("etc", "sysctl.conf", "# /etc/sysctl.conf\n" + randomLines(3));
      case 2 -> {
        file("etc", "sysctl.conf", randomLines(3));
        nodes.put("etc/sysctl.d/99-sysctl.conf", new Link("../sysctl.conf"));
      }
      case 3 -> {
        file("etc", "sysctl.conf", randomLines(3));
        nodes.put("etc/sysctl.d/99-sysctl.conf", new Link("/dev/null"));
      }
      case 4 -> {
        file("etc", "sysctl.conf", randomLines(3));
        file("etc/sysctl.d", "99-sysctl.conf", randomLines(2));
      }
      case 5 -> {
        file("etc", "sysctl.conf", randomLines(3));
        nodes.put("etc/sysctl.d/99-sysctl.conf", new Link("/etc/sysctl.conf"));
      }
      case 6 -> {
        String key = key();
        String later = "9" + random.nextInt(10) + "-cancel.conf";
        file(dir(), "50-set.conf", assign(key, value(key)) + "\n" + randomLines(1));
        StringBuilder text = new StringBuilder();
        text.append(pick("-", "- ", "  -"))
            .append(spell(key))
            .append(pick("", "  ", "\t"))
            .append('\n');
        if (random.nextBoolean()) {
          String other = key();
          text.append(assign(other, value(other))).append('\n');
          text.append('-').append(spell(other)).append('\n');
          if (random.nextBoolean()) {
            text.append(assign(other, value(other))).append('\n');
          }
        }
        file(dir(), later, text.toString());
        if (random.nextInt(3) == 0) {
          file(dir(), "99-z-again.conf", assign(key, value(key)) + "\n");
        }
      }
      case 7 -> {
        String key = key();
        file(
            dir(),
            "80-ignore-errors.conf",
            pick("-", "- ", "-  ") + spell(key) + " = " + value(key) + "\n" + randomLines(1));
      }
      case 8 -> {
        byte[] latin1 = "# caf\u00e9, na\u00efve \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        String tail = randomLines(2) + "; r\u00e9glage\n";
        nodes.put(
            dir() + "/7" + random.nextInt(10) + "-latin1.conf",
            new Content(concat(latin1, tail.getBytes(StandardCharsets.ISO_8859_1))));
      }
      case 9 -> {
        String a = "60-vendor-a.conf";
        String b = "61-vendor-b.conf";
        String c = "62-vendor-c.conf";
        String d = "63-vendor-d.conf";
        file("usr/lib/sysctl.d", a, randomLines(2));
        file("usr/lib/sysctl.d", b, randomLines(2));
        file("usr/lib/sysctl.d", c, randomLines(2));
        file("usr/lib/sysctl.d", d, randomLines(2));
        file(pick("etc/sysctl.d", "run/sysctl.d"), a, "");
        nodes.put(pick("etc/sysctl.d/", "run/sysctl.d/") + b, new Link("/dev/null"));
        nodes.put("etc/sysctl.d/" + c, new Link("../nonexistent.conf"));
        nodes.put("etc/sysctl.d/" + d, new Dir());
      }
      case 10 -> {
        String name = "5" + random.nextInt(10) + "-same.conf";
        List<String> dirs = new ArrayList<>(List.of(DIRS));
        if (!splitUsr) {
          dirs.remove("lib/sysctl.d");
        }
        for (String dir : dirs) {
          if (random.nextInt(4) != 0) {
            file(dir, name, randomLines(2));
          }
        }
      }
      case 11 -> {
        file("etc/sysctl.d", "90-x.conf.bak", randomLines(2));
        file("etc/sysctl.d", "91-x.CONF", randomLines(2));
        file("etc/sysctl.d", "README", randomLines(1));
        file("etc/sysctl.d", "92-x.conf~", randomLines(1));
        file("run/sysctl.d", "93-x.conf.dpkg-old", randomLines(1));
        file("usr/lib/sysctl.d", "94-x.confx", randomLines(1));
      }
      case 12 -> {
        StringBuilder text = new StringBuilder();
        for (String key : KEYS) {
          if (random.nextBoolean()) {
            String[] parts = key.split("\\.");
            String spelled =
                switch (random.nextInt(4)) {
                  case 0 -> String.join("/", parts);
                  case 1 -> "/" + String.join("/", parts);
                  case 2 -> key.replaceFirst("\\.", "..");
                  default -> key + ".";
                };
            text.append(spelled).append(" = ").append(value(key)).append('\n');
          }
        }
        file(dir(), "8" + random.nextInt(10) + "-spelling.conf", text.toString());
      }
      case 13 -> {
        String sep = pick("\r\n", "\r", "\0", "\n");
        StringBuilder text = new StringBuilder();
        for (String key : KEYS) {
          if (random.nextInt(3) != 0) {
            String lead = pick("", "  ", "\t", "\f", "\u000b");
            text.append(lead)
                .append(spell(key))
                .append(pick(" = ", "=", "\t=\t", " =  "))
                .append(value(key))
                .append(pick("", "  ", "\t"))
                .append(sep);
          }
        }
        String key = key();
        text.append(spell(key)).append(' ').append(value(key)).append(sep);
        text.append("   ")
            .append(pick("#", ";"))
            .append(' ')
            .append(assign(key, value(key)))
            .append(sep);
        file(dir(), "7" + random.nextInt(10) + "-spacing.conf", text.toString());
      }
      default -> throw new IllegalStateException();
    }
  }

  private String randomLines(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (random.nextInt(6) == 0) {
        out.append(pick("# a comment", "; another", "", "   # indented")).append('\n');
      }
      String key = key();
      out.append(assign(key, value(key))).append('\n');
    }
    return out.toString();
  }

  private String assign(String key, String value) {
    return spell(key) + pick(" = ", "=", " =", "= ", "\t=  ") + value;
  }

  private String spell(String key) {
    return random.nextInt(5) == 0 ? key.replace('.', '/') : key;
  }

  private String key() {
    return KEYS.get(random.nextInt(KEYS.size()));
  }

  private String value(String key) {
    List<String> values = VALUES.get(key);
    return values.get(random.nextInt(values.size()));
  }

  private String dir() {
    int n = splitUsr ? DIRS.length : DIRS.length - 1;
    return DIRS[random.nextInt(n)];
  }

  private String name() {
    return (10 + random.nextInt(89)) + "-" + pick("tune", "net", "local", "vendor", "zz") + ".conf";
  }

  private String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private void file(String dir, String name, String text) {
    nodes.put(dir + "/" + name, new Content(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String escape(byte[] bytes) {
    StringBuilder out = new StringBuilder("\"");
    for (byte b : bytes) {
      int c = b & 0xff;
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            out.append(String.format("\\x%02x", c));
          } else {
            out.append((char) c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
