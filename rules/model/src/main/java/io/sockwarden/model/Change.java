package io.sockwarden.model;

/**
 * One setting a finding proposes to change. A change names exactly one value so that it can be
 * journalled, applied, verified and rolled back on its own.
 */
public sealed interface Change permits SysctlChange, RegistryChange, DynamicPortRangeChange {
  /** A one-line, human-readable description: {@code net.core.somaxconn: 128 -> 4096}. */
  String describe();
}
