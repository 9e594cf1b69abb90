package io.sockwarden.model;

import java.util.Objects;

/**
 * The process that owns a socket, or why it is not known.
 *
 * @param pid process id, or -1 when not known
 * @param command the process's command name ({@code /proc/<pid>/comm}), or the reason it is not
 *     known
 */
public record ProcessRef(int pid, String command) {
  public ProcessRef {
    Objects.requireNonNull(command, "command");
  }

  /** An owner that could not be seen, with the reason. */
  public static ProcessRef unknown(String reason) {
    return new ProcessRef(-1, reason);
  }

  public boolean known() {
    return pid > 0;
  }

  public String describe() {
    return known() ? "pid " + pid + " (" + command + ")" : "owner " + command;
  }
}
