package io.sockwarden.engine;

import org.kie.api.runtime.KieRuntime;
import org.kie.api.runtime.rule.ConsequenceExceptionHandler;
import org.kie.api.runtime.rule.Match;
import org.kie.api.runtime.rule.RuleRuntime;

/**
 * Records a consequence that threw as a failure of its rule and lets the other rules fire. Drools
 * instantiates it by class for every session; it finds the session's {@link SessionRun} in the
 * session's environment.
 */
public final class RuleFailures implements ConsequenceExceptionHandler {
  static final String RUN = "io.sockwarden.engine.SessionRun";

  @Override
  public void handleException(Match match, RuleRuntime runtime, Exception exception) {
    Object run =
        runtime instanceof KieRuntime kieRuntime ? kieRuntime.getEnvironment().get(RUN) : null;
    if (run instanceof SessionRun sessionRun) {
      sessionRun.consequenceThrew(match.getRule(), exception);
    } else {
      throw new IllegalStateException(
          "rule '" + match.getRule().getName() + "' threw " + exception, exception);
    }
  }
}
