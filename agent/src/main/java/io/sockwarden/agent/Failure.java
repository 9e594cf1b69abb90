package io.sockwarden.agent;

/**
 * What kind of failure an {@link AgentException} reports. The core speaks in these; only the
 * command line turns them into exit codes.
 */
public enum Failure {
  /** Facts could not be read, a file could not be written, the lock is held by another agent. */
  OPERATIONAL,
  /**
   * Bad input: an unknown option value, a configuration or rule file that is invalid or unsafe to
   * load, an unknown rule or transaction id, a change that must not be applied.
   */
  INVALID,
  /** The process lacks the privileges the requested change needs. */
  NOT_PRIVILEGED
}
