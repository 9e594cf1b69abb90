package io.sockwarden.agent.cli;

import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.config.ConfigLoader;
import io.sockwarden.engine.TrustedFiles;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The configuration file and the administrator rule directories. */
public final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (default: /etc/sockwarden/agent.yaml; used only if it exists).")
  Path config;

  @Option(
      names = "--rules-dir",
      paramLabel = "DIR",
      description =
          "Directory of administrator rules (*.drl); repeatable. Replaces the configured"
              + " rules-dirs (default: /etc/sockwarden/rules.d).")
  List<Path> rulesDirs;

  AgentConfig load(TrustedFiles trust) {
    ConfigLoader loader = new ConfigLoader(trust);
    return config != null
        ? loader.load(config, true)
        : loader.load(AgentConfig.DEFAULT_FILE, false);
  }

  List<Path> rulesDirs(AgentConfig config) {
    return rulesDirs != null ? rulesDirs : config.rulesDirs();
  }
}
