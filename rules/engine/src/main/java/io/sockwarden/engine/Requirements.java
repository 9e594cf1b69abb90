package io.sockwarden.engine;

import io.sockwarden.model.FactGap;
import io.sockwarden.model.UnevaluatedRule;
import io.sockwarden.model.UnevaluatedRule.Cause;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether a rule can give a verdict given the facts that could not be collected. A rule's
 * {@code @requires} names the facts without which its verdict means nothing; a required fact with
 * no gap counts as present.
 */
final class Requirements {
  private Requirements() {}

  /**
   * Why {@code rule} cannot be evaluated, or empty when it can: {@link Cause#NOT_APPLICABLE} when
   * every gap it hits is a fact the host does not have, {@link Cause#MISSING_FACT} otherwise.
   */
  static Optional<UnevaluatedRule> unmet(RuleInfo rule, Map<String, FactGap> gaps) {
    List<FactGap> hit =
        rule.requires().stream().map(gaps::get).filter(Objects::nonNull).distinct().toList();
    if (hit.isEmpty()) {
      return Optional.empty();
    }
    boolean incomplete = hit.stream().anyMatch(g -> g.kind().incomplete());
    String gapsText = hit.stream().map(FactGap::describe).collect(Collectors.joining("; "));
    return Optional.of(
        new UnevaluatedRule(
            rule.id(),
            rule.name(),
            rule.origin(),
            incomplete ? Cause.MISSING_FACT : Cause.NOT_APPLICABLE,
            (incomplete ? "needs " : "does not apply: ") + gapsText));
  }
}
