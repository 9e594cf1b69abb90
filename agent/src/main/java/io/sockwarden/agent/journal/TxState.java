package io.sockwarden.agent.journal;

/** Where a transaction stands. */
public enum TxState {
  /** Originals journalled, writes under way; if found at start-up, the process died. */
  IN_PROGRESS,
  /** Written and verified. */
  APPLIED,
  /** Undone by a later rollback transaction. */
  ROLLED_BACK,
  /** Failed; every original was restored. */
  FAILED_RESTORED,
  /** Failed; some originals could not be restored (the log says which). */
  FAILED_INCOMPLETE,
  /** Interrupted (the process died); restored at the next start. */
  INTERRUPTED_RESTORED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
