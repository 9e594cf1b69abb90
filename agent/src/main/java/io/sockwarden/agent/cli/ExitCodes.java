package io.sockwarden.agent.cli;

import io.sockwarden.agent.Failure;
import io.sockwarden.agent.core.Verdict;
import io.sockwarden.agent.journal.Transactions;

/**
 * The process exit codes. They are an API: scripts and monitoring act on them. Declared here once;
 * {@code --help} and the README list them. The core reports typed failures and outcomes; this is
 * the only place that turns them into numbers.
 */
public final class ExitCodes {
  /** Compliant (no finding at or above {@code --fail-on}), or the command succeeded. */
  public static final int OK = 0;

  /**
   * Operational error: facts could not be read (a scan whose verdict is incomplete), a file could
   * not be written, the lock is held.
   */
  public static final int OPERATIONAL = 1;

  /** Usage or configuration error, or a rule file that does not compile or is unsafe to load. */
  public static final int USAGE = 2;

  /** Findings at or above {@code --fail-on}. */
  public static final int FINDINGS = 3;

  /** Apply or rollback failed and the original state was restored. */
  public static final int RESTORED = 4;

  /** Apply or rollback failed and the original state could not be fully restored. */
  public static final int NOT_RESTORED = 5;

  /** Insufficient privileges for the requested change. */
  public static final int NO_PRIVILEGE = 77;

  /** The list shown by {@code --help}: code, then meaning. */
  public static final String[] HELP = {
    "0:compliant (no finding at or above --fail-on), or the command succeeded",
    "1:operational error: facts could not be read (verdict incomplete), a file could not be"
        + " written, the lock is held",
    "2:usage or configuration error; a rule file that does not compile or is unsafe to load",
    "3:findings at or above --fail-on",
    "4:apply or rollback failed and the original state was restored",
    "5:apply or rollback failed and the original state could not be fully restored",
    "77:insufficient privileges for the requested change",
  };

  private ExitCodes() {}

  /** The exit code for a failure the core reported. */
  public static int of(Failure failure) {
    return switch (failure) {
      case OPERATIONAL -> OPERATIONAL;
      case INVALID -> USAGE;
      case NOT_PRIVILEGED -> NO_PRIVILEGE;
    };
  }

  /** The exit code for how a transaction ended. */
  public static int of(Transactions.Result result) {
    return switch (result) {
      case DONE -> OK;
      case RESTORED -> RESTORED;
      case NOT_RESTORED -> NOT_RESTORED;
    };
  }

  /**
   * The exit code for a scan's verdict: 3 for findings; 1 for an incomplete scan unless {@code
   * allowIncomplete}; else 0.
   */
  public static int of(Verdict verdict, boolean allowIncomplete) {
    return switch (verdict) {
      case FINDINGS -> FINDINGS;
      case INCOMPLETE -> allowIncomplete ? OK : OPERATIONAL;
      case COMPLIANT -> OK;
    };
  }
}
