package io.sockwarden.agent.core;

import io.sockwarden.agent.AgentException;
import io.sockwarden.agent.Failure;
import io.sockwarden.engine.AdministratorRules;
import io.sockwarden.engine.RuleEngine;
import io.sockwarden.engine.RuleLoadException;
import io.sockwarden.model.FileTrust;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the rule engine: the built-in catalogue, plus administrator rules when the configured
 * directories hold any (compiling them costs about half a second, so an empty rules.d costs
 * nothing).
 */
public final class RuleLoader {
  private final FileTrust trust;

  public RuleLoader(FileTrust trust) {
    this.trust = trust;
  }

  /**
   * @throws AgentException with exit code 2 when a rule file does not compile or is unsafe
   */
  public RuleEngine load(List<Path> directories) {
    try {
      List<Path> files = AdministratorRules.ruleFiles(directories, trust);
      if (files.isEmpty()) {
        return RuleEngine.builtIn();
      }
      return RuleEngine.withAdministratorRules(AdministratorRules.compile(files, trust));
    } catch (RuleLoadException e) {
      throw new AgentException(
          Failure.INVALID, "administrator rules cannot be loaded:\n" + indent(e.getMessage()));
    }
  }

  static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }
}
