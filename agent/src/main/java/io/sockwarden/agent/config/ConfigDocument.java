package io.sockwarden.agent.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * The YAML document as written, before defaults: every field may be absent (null). Key names are
 * the ones documented in {@code docs/configuration.md}.
 */
record ConfigDocument(
    @JsonProperty("policy") PolicySection policy,
    @JsonProperty("rules-dirs") List<String> rulesDirs,
    @JsonProperty("fail-on") String failOn,
    @JsonProperty("journal") JournalSection journal,
    @JsonProperty("schedule") ScheduleSection schedule,
    @JsonProperty("remediation") RemediationSection remediation,
    @JsonProperty("reports") ReportsSection reports,
    @JsonProperty("metrics") MetricsSection metrics,
    @JsonProperty("namespaces") @JsonDeserialize(using = NamespacesKey.class)
        NamespaceScope namespaces) {

  record ScheduleSection(
      @JsonProperty("every") String every, @JsonProperty("splay") String splay) {}

  record RemediationSection(
      @JsonProperty("mode") String mode,
      @JsonProperty("allow") List<String> allow,
      @JsonProperty("max-changes-per-cycle") Integer maxChangesPerCycle) {}

  record ReportsSection(
      @JsonProperty("keep") Integer keep, @JsonProperty("max-age-days") Integer maxAgeDays) {}

  record MetricsSection(
      @JsonProperty("textfile") String textfile,
      @JsonProperty("listen") String listen,
      @JsonProperty("top-destinations") Integer topDestinations) {}

  record JournalSection(
      @JsonProperty("keep") Integer keep, @JsonProperty("max-age-days") Integer maxAgeDays) {}

  record PolicySection(
      @JsonProperty("somaxconn-min") Long somaxconnMin,
      @JsonProperty("syn-backlog-min") Long synBacklogMin,
      @JsonProperty("ephemeral-ports-min") Long ephemeralPortsMin,
      @JsonProperty("file-max-used-percent") Integer fileMaxUsedPercent,
      @JsonProperty("ephemeral-warning-percent") Integer ephemeralWarningPercent,
      @JsonProperty("ephemeral-critical-percent") Integer ephemeralCriticalPercent,
      @JsonProperty("time-wait-buckets-percent") Integer timeWaitBucketsPercent,
      @JsonProperty("nofile-used-percent") Integer nofileUsedPercent) {}
}
