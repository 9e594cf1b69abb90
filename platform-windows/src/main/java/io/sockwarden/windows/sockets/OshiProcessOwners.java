package io.sockwarden.windows.sockets;

import io.sockwarden.model.ProcessRef;
import java.util.function.IntFunction;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;

/** The process owning a socket, by pid, through OSHI; pid 0 (Wine, or not visible) is unknown. */
public final class OshiProcessOwners implements IntFunction<ProcessRef> {
  @Override
  public ProcessRef apply(int pid) {
    if (pid <= 0) {
      return ProcessRef.unknown("not visible (pid " + pid + ")");
    }
    try {
      OSProcess p = new SystemInfo().getOperatingSystem().getProcess(pid);
      return p == null
          ? ProcessRef.unknown("pid " + pid + " has exited")
          : new ProcessRef(pid, p.getName());
    } catch (RuntimeException e) {
      return ProcessRef.unknown("pid " + pid + " not readable: " + e.getMessage());
    }
  }
}
