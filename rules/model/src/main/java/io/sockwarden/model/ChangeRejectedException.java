package io.sockwarden.model;

import java.util.List;

/**
 * A change set that must not be applied, and why; nothing has been written. {@link #reason()} tells
 * the agent which exit code to use.
 */
public final class ChangeRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why changes are refused. */
  public enum Reason {
    /** A key or value that is malformed, unknown or out of the kernel's bounds. */
    INVALID,
    /** The host cannot be changed here: a read-only /proc/sys, a symbolic link at our file. */
    NOT_WRITABLE,
    /** The agent lacks the privileges to change the host. */
    PRIVILEGE
  }

  private final Reason reason;
  private final transient List<String> problems;

  public ChangeRejectedException(Reason reason, List<String> problems) {
    super(String.join("\n", problems), null, false, false);
    this.reason = reason;
    this.problems = List.copyOf(problems);
  }

  public Reason reason() {
    return reason;
  }

  public List<String> problems() {
    return problems;
  }
}
