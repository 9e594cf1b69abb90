package io.sockwarden.agent.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sockwarden.agent.core.NamespaceScan;
import io.sockwarden.agent.core.NamespacesScan;
import io.sockwarden.agent.core.Scan;
import io.sockwarden.agent.core.Verdict;
import io.sockwarden.model.Change;
import io.sockwarden.model.CollectionProblem;
import io.sockwarden.model.DynamicPortRangeChange;
import io.sockwarden.model.FactGap;
import io.sockwarden.model.Finding;
import io.sockwarden.model.HostFacts;
import io.sockwarden.model.LinuxFacts;
import io.sockwarden.model.NetworkNamespace;
import io.sockwarden.model.RegistryChange;
import io.sockwarden.model.Severity;
import io.sockwarden.model.SysctlChange;
import io.sockwarden.model.UnevaluatedRule;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON documents with a stable schema ({@code docs/json-schema.md}). Built as explicit maps, not by
 * serialising internal types, so that renaming a field in the code cannot silently change the
 * schema. {@link #SCHEMA_VERSION} changes only when a field is removed or changes meaning.
 */
public final class Json {
  public static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  public static String scan(Scan scan, Severity failOn) {
    Map<String, Object> doc = header("scan", scan);
    doc.put("failOn", failOn.label());
    scanFields(doc, scan, failOn, null);
    return write(doc);
  }

  /**
   * The scan of several network namespaces ({@code scan --all-namespaces}): the overall verdict,
   * then one object per namespace with the fields of a single scan, each finding naming its
   * namespace.
   */
  public static String namespaces(NamespacesScan scans, Severity failOn) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", SCHEMA_VERSION);
    doc.put("kind", "namespaceScan");
    doc.put("generatedAt", scans.at().toString());
    scans.scans().stream().findFirst().ifPresent(s -> doc.put("host", s.facts().host()));
    doc.put("failOn", failOn.label());
    Verdict verdict = scans.verdict(failOn);
    doc.put("verdict", verdict.label());
    doc.put("compliant", verdict == Verdict.COMPLIANT);
    doc.put("findingCount", scans.countAtLeast(Severity.INFO));
    List<Object> parts = new ArrayList<>();
    for (NamespaceScan part : scans.namespaces()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("namespace", namespace(part.namespace()));
      if (part.scan().isPresent()) {
        m.put("scanned", true);
        scanFields(m, part.scan().get(), failOn, part.namespace());
      } else {
        m.put("scanned", false);
        m.put("problems", part.missing().stream().toList());
      }
      parts.add(m);
    }
    doc.put("namespaces", parts);
    doc.put("unmatched", scans.unmatched());
    return write(doc);
  }

  /** {@code inode}, {@code label}, {@code kind}, {@code pid} (or null), {@code containerId}. */
  public static Map<String, Object> namespace(NetworkNamespace ns) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("inode", ns.inode());
    m.put("label", ns.label());
    m.put("kind", ns.kind().label());
    m.put("pid", ns.firstPid().orElse(null));
    m.put("processes", ns.pids().size());
    m.put("containerId", ns.containerId().orElse(null));
    return m;
  }

  private static void scanFields(
      Map<String, Object> doc, Scan scan, Severity failOn, NetworkNamespace ns) {
    if (ns != null) {
      doc.put("networkNamespace", scan.facts().host().networkNamespace());
    }
    Verdict verdict = scan.verdict(failOn);
    doc.put("verdict", verdict.label());
    doc.put("compliant", verdict == Verdict.COMPLIANT);
    doc.put("complete", scan.complete());
    doc.put("counterWindow", scan.counterWindow());
    List<Object> findings = new ArrayList<>();
    for (Finding f : scan.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      if (ns != null) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("inode", ns.inode());
        ref.put("label", ns.label());
        m.put("namespace", ref);
      }
      m.put("ruleId", f.ruleId());
      m.put("severity", f.severity().label());
      m.put("title", f.title());
      m.put("explanation", f.explanation());
      m.put("evidence", f.evidence());
      m.put("changes", f.changes().stream().map(Json::change).toList());
      findings.add(m);
    }
    doc.put("findings", findings);
    List<Object> unevaluated = new ArrayList<>();
    for (UnevaluatedRule u : scan.unevaluated()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ruleId", u.ruleId());
      m.put("ruleName", u.ruleName());
      m.put("origin", u.origin());
      m.put("cause", u.cause().label());
      m.put("leavesIncomplete", u.cause().incomplete());
      m.put("reason", u.reason());
      unevaluated.add(m);
    }
    doc.put("unevaluatedRules", unevaluated);
    doc.put("factGaps", gaps(scan.facts().gaps()));
    doc.put("census", new CensusView(scan.facts()).json(10));
    doc.put("problems", problems(scan.facts().problems()));
  }

  public static String facts(Scan scan) {
    Map<String, Object> doc = header("facts", scan);
    HostFacts f = scan.facts();
    LinuxFacts linux =
        f.platform() instanceof LinuxFacts l
            ? l
            : new LinuxFacts(List.of(), List.of(), List.of(), Optional.empty());
    doc.put("sysctls", linux.sysctls());
    doc.put("counters", f.counters());
    doc.put("counterWindow", scan.counterWindow());
    doc.put("sockstat", linux.sockStats());
    doc.put("bootValues", linux.bootValues());
    doc.put("census", new CensusView(f).json(100));
    doc.put("processes", f.processes());
    List<Object> derived = new ArrayList<>();
    List<Object> plain = new ArrayList<>();
    f.ephemeralRange().ifPresent(plain::add);
    linux.fileHandles().ifPresent(plain::add);
    for (Object o : plain) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", o.getClass().getSimpleName());
      m.put("value", o);
      derived.add(m);
    }
    doc.put("derived", derived);
    doc.put("factGaps", gaps(f.gaps()));
    doc.put("problems", problems(f.problems()));
    return write(doc);
  }

  /** Any value, indented. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> header(String kind, Scan scan) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", SCHEMA_VERSION);
    doc.put("kind", kind);
    doc.put("generatedAt", scan.at().toString());
    doc.put("host", scan.facts().host());
    return doc;
  }

  private static Map<String, Object> change(Change change) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (change instanceof SysctlChange s) {
      m.put("type", "sysctl");
      m.put("key", s.key());
      m.put("from", s.from());
      m.put("to", s.to());
    } else if (change instanceof RegistryChange r) {
      m.put("type", "registry");
      m.put("key", "HKLM\\" + r.keyPath());
      m.put("value", r.valueName());
      m.put("from", r.from().isPresent() ? r.from().getAsLong() : null);
      m.put("to", r.to());
      m.put("rebootRequired", r.rebootRequired());
    } else if (change instanceof DynamicPortRangeChange d) {
      m.put("type", "dynamicPortRange");
      m.put("family", d.family());
      m.put("from", Map.of("start", d.fromStart(), "count", d.fromCount()));
      m.put("to", Map.of("start", d.toStart(), "count", d.toCount()));
      m.put("rebootRequired", false);
    }
    m.put("description", change.describe());
    return m;
  }

  private static List<Object> gaps(List<FactGap> gaps) {
    List<Object> list = new ArrayList<>();
    for (FactGap g : gaps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fact", g.fact());
      m.put("kind", g.kind().label());
      m.put("detail", g.detail());
      m.put("source", g.source());
      list.add(m);
    }
    return list;
  }

  private static List<Object> problems(List<CollectionProblem> problems) {
    return new ArrayList<>(problems);
  }
}
