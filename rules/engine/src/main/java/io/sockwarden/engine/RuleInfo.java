package io.sockwarden.engine;

import io.sockwarden.model.Severity;

/**
 * A rule as listed by {@code sockwarden rules list}.
 *
 * @param id the stable {@code @id}
 * @param severity the default {@code @severity}
 * @param name the rule's name in its DRL file
 * @param origin {@code built-in} or the path of the administrator's rule file
 */
public record RuleInfo(String id, Severity severity, String name, String origin) {}
