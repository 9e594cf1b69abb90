package io.sockwarden.engine;

import io.sockwarden.model.Finding;
import io.sockwarden.model.HostInfo;
import io.sockwarden.model.Policy;
import io.sockwarden.model.Sysctl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shared engine instance and fact helpers for rule tests. */
final class RuleEngineTestSupport {
  static final RuleEngine ENGINE = RuleEngine.builtIn();
  static final HostInfo HOST =
      new HostInfo("test-host", "linux", "6.1.0", 6, 1, true, "net:[1]", "boot-1");

  private RuleEngineTestSupport() {}

  static Sysctl sysctl(String key, String value) {
    return new Sysctl(key, value, "/proc/sys/" + key.replace('.', '/'));
  }

  /** Evaluates the facts with the default policy and returns the findings of one rule. */
  static List<Finding> findings(String ruleId, Object... facts) {
    return findings(ruleId, Policy.DEFAULTS, facts);
  }

  static List<Finding> findings(String ruleId, Policy policy, Object... facts) {
    List<Object> all = new ArrayList<>(Arrays.asList(facts));
    all.add(policy);
    all.add(HOST);
    return ENGINE.evaluate(all).stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }
}
