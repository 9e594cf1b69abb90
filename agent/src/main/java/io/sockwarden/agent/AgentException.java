package io.sockwarden.agent;

/**
 * A failure the agent reports to the administrator as one clear message and an exit code, without a
 * stack trace.
 */
public class AgentException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public AgentException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public AgentException(int exitCode, String message, Throwable cause) {
    super(message, cause, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
