package io.sockwarden.agent.cli;

import io.sockwarden.agent.config.AgentConfig;
import io.sockwarden.agent.config.ConfigLoader;
import io.sockwarden.model.HostConventions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The configuration file and the administrator rule directories. */
public final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (default: /etc/sockwarden/agent.yaml, on Windows"
              + " %%ProgramData%%\\Sockwarden\\agent.yaml; used only if it exists).")
  Path config;

  @Option(
      names = "--rules-dir",
      paramLabel = "DIR",
      description =
          "Directory of administrator rules (*.drl); repeatable. Replaces the configured"
              + " rules-dirs (default: /etc/sockwarden/rules.d).")
  List<Path> rulesDirs;

  /** The configuration in force, with {@code --rules-dir} applied. */
  AgentConfig load(HostConventions conventions) {
    ConfigLoader loader = new ConfigLoader(conventions.trust(), conventions.defaultRulesDir());
    AgentConfig loaded =
        config != null
            ? loader.load(config, true)
            : loader.load(conventions.defaultConfigFile(), false);
    if (rulesDirs == null) {
      return loaded;
    }
    return loaded.withRulesDirs(rulesDirs);
  }
}
