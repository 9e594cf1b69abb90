package io.sockwarden.agent.cli;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.ExitCodes;
import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.scan.RuleLoader;
import io.sockwarden.agent.scan.Scan;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.engine.RuleInfo;
import io.sockwarden.engine.TrustedFiles;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a scan the way {@code scan}, {@code plan} and {@code apply} share: configuration, rules,
 * recovery of an unfinished transaction, collection, evaluation.
 *
 * @param config the configuration in force
 * @param engine the rules
 * @param session the host session
 * @param scan the result
 */
record ScanSetup(AgentConfig config, RuleEngine engine, HostSession session, Scan scan) {
  static ScanSetup run(
      HostPathOptions paths, ConfigOptions configOptions, Clock clock, PrintWriter err) {
    HostSession session = HostSession.open(paths.context(), err);
    TrustedFiles trust = TrustedFiles.forCurrentUser();
    AgentConfig cfg = configOptions.load(trust);
    RuleEngine engine = new RuleLoader(trust).load(configOptions.rulesDirs(cfg));
    Scan scan = Scan.run(session.platform, paths.context(), cfg.policy(), engine, clock);
    if (scan.facts().sysctls().isEmpty()) {
      throw new AgentException(
          ExitCodes.OPERATIONAL,
          "no kernel parameter could be read under " + paths.procRoot + "/sys; nothing to judge");
    }
    return new ScanSetup(cfg, engine, session, scan);
  }

  Set<String> ruleIds() {
    return engine.rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
  }
}
