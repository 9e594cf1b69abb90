/**
 * The rules engine: Drools lives here and nowhere else. {@link io.sockwarden.engine.RuleEngine}
 * loads the built-in catalogue (compiled to Drools' executable model at build time) and, only when
 * an administrator's rules directory has files, compiles those at run time.
 */
package io.sockwarden.engine;
