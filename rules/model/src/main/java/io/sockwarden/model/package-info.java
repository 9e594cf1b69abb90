/**
 * The vocabulary every Sockwarden module speaks: immutable fact records collected from a host, the
 * {@link io.sockwarden.model.Finding findings} rules produce, the {@link io.sockwarden.model.Change
 * changes} they propose, the {@link io.sockwarden.model.Policy policy} thresholds, and the {@link
 * io.sockwarden.model.Platform} port each operating system implements.
 *
 * <p>This package depends on the JDK only, so that platform modules and administrators' rule files
 * can use it without pulling in the rules engine.
 */
package io.sockwarden.model;
