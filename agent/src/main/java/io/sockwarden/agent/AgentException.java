package io.sockwarden.agent;

import java.util.Objects;

/**
 * A failure the agent reports to the administrator as one clear message, without a stack trace. The
 * {@link Failure} says what kind it is; front ends decide what that means to them (the command line
 * maps it to an exit code).
 */
public class AgentException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Failure failure;

  public AgentException(Failure failure, String message) {
    super(message, null, false, false);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public AgentException(Failure failure, String message, Throwable cause) {
    super(message, cause, false, false);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public Failure failure() {
    return failure;
  }
}
