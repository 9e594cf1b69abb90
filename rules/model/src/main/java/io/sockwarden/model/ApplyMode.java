package io.sockwarden.model;

/** Which side of a setting a change touches. */
public enum ApplyMode {
  /** The running value and the persistent configuration (the default). */
  LIVE_AND_PERSISTENT,
  /** Only the running value: lost at the next boot. */
  LIVE_ONLY,
  /** Only the persistent configuration: takes effect at the next boot (or `sysctl --system`). */
  PERSISTENT_ONLY;

  public boolean live() {
    return this != PERSISTENT_ONLY;
  }

  public boolean persistent() {
    return this != LIVE_ONLY;
  }
}
