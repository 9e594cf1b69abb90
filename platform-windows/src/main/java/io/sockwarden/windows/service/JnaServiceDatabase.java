package io.sockwarden.windows.service;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.ptr.IntByReference;
import io.sockwarden.model.ServiceHost.EventKind;
import io.sockwarden.model.ServiceHost.Status;
import io.sockwarden.model.ServiceHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link ServiceDatabase} through advapi32; every handle is closed in {@code finally}. */
public final class JnaServiceDatabase implements ServiceDatabase {
  private static final int ACCESS_DENIED = 5;
  private static final int SERVICE_DOES_NOT_EXIST = 1060;
  private static final int SERVICE_NOT_ACTIVE = 1062;
  private static final int SERVICE_EXISTS = 1073;

  @FunctionalInterface
  private interface OnService<T> {
    T apply(Winsvc.SC_HANDLE service);
  }

  private static <T> T withService(String name, int access, OnService<T> action) {
    Winsvc.SC_HANDLE scm = openManager(Winsvc.SC_MANAGER_CONNECT);
    try {
      Winsvc.SC_HANDLE service = Advapi32.INSTANCE.OpenService(scm, name, access);
      if (service == null) {
        throw failure("OpenService " + name);
      }
      try {
        return action.apply(service);
      } finally {
        Advapi32.INSTANCE.CloseServiceHandle(service);
      }
    } finally {
      Advapi32.INSTANCE.CloseServiceHandle(scm);
    }
  }

  private static Winsvc.SC_HANDLE openManager(int access) {
    Winsvc.SC_HANDLE scm = Advapi32.INSTANCE.OpenSCManager(null, null, access);
    if (scm == null) {
      throw failure("OpenSCManager");
    }
    return scm;
  }

  private static ServiceHostException failure(String call) {
    int code = Kernel32.INSTANCE.GetLastError();
    ServiceHostException.Reason reason =
        switch (code) {
          case ACCESS_DENIED -> ServiceHostException.Reason.ACCESS_DENIED;
          case SERVICE_DOES_NOT_EXIST -> ServiceHostException.Reason.NOT_INSTALLED;
          case SERVICE_EXISTS -> ServiceHostException.Reason.EXISTS;
          default -> ServiceHostException.Reason.FAILED;
        };
    return new ServiceHostException(
        reason, code, call + ": " + Kernel32Util.formatMessage(code).trim() + " (" + code + ")");
  }

  @Override
  public void create(String name, String displayName, String commandLine, boolean automatic) {
    Winsvc.SC_HANDLE scm = openManager(Winsvc.SC_MANAGER_CREATE_SERVICE);
    try {
      Winsvc.SC_HANDLE service =
          Advapi32.INSTANCE.CreateService(
              scm,
              name,
              displayName,
              Winsvc.SERVICE_ALL_ACCESS,
              WinNT.SERVICE_WIN32_OWN_PROCESS,
              automatic ? WinNT.SERVICE_AUTO_START : WinNT.SERVICE_DEMAND_START,
              WinNT.SERVICE_ERROR_NORMAL,
              commandLine,
              null,
              null,
              null,
              null, // LocalSystem
              null);
      if (service == null) {
        throw failure("CreateService " + name);
      }
      Advapi32.INSTANCE.CloseServiceHandle(service);
    } finally {
      Advapi32.INSTANCE.CloseServiceHandle(scm);
    }
  }

  @Override
  public void describe(String name, String description) {
    withService(
        name,
        Winsvc.SERVICE_CHANGE_CONFIG,
        service -> {
          Winsvc.SERVICE_DESCRIPTION info = new Winsvc.SERVICE_DESCRIPTION();
          info.lpDescription = description;
          if (!Advapi32.INSTANCE.ChangeServiceConfig2(
              service, Winsvc.SERVICE_CONFIG_DESCRIPTION, info)) {
            throw failure("ChangeServiceConfig2(description) " + name);
          }
          return null;
        });
  }

  @Override
  public void recovery(String name, RecoveryActions actions) {
    // SC_ACTION_RESTART needs SERVICE_START on top of SERVICE_CHANGE_CONFIG.
    withService(
        name,
        Winsvc.SERVICE_CHANGE_CONFIG | Winsvc.SERVICE_START,
        service -> {
          List<Duration> delays = actions.restartDelays();
          Winsvc.SC_ACTION.ByReference first = new Winsvc.SC_ACTION.ByReference();
          Winsvc.SC_ACTION[] array = (Winsvc.SC_ACTION[]) first.toArray(delays.size());
          for (int i = 0; i < delays.size(); i++) {
            array[i].type = Winsvc.SC_ACTION_RESTART;
            array[i].delay = (int) delays.get(i).toMillis();
            array[i].write();
          }
          Winsvc.SERVICE_FAILURE_ACTIONS info = new Winsvc.SERVICE_FAILURE_ACTIONS();
          info.dwResetPeriod = (int) actions.resetPeriod().toSeconds();
          info.cActions = delays.size();
          info.lpsaActions = first;
          if (!Advapi32.INSTANCE.ChangeServiceConfig2(
              service, Winsvc.SERVICE_CONFIG_FAILURE_ACTIONS, info)) {
            throw failure("ChangeServiceConfig2(failure actions) " + name);
          }
          return null;
        });
  }

  @Override
  public void recoveryOnNonCrashFailures(String name, boolean on) {
    withService(
        name,
        Winsvc.SERVICE_CHANGE_CONFIG,
        service -> {
          Winsvc.SERVICE_FAILURE_ACTIONS_FLAG flag = new Winsvc.SERVICE_FAILURE_ACTIONS_FLAG();
          flag.fFailureActionsOnNonCrashFailures = on ? 1 : 0;
          if (!Advapi32.INSTANCE.ChangeServiceConfig2(
              service, Winsvc.SERVICE_CONFIG_FAILURE_ACTIONS_FLAG, flag)) {
            throw failure("ChangeServiceConfig2(failure actions flag) " + name);
          }
          return null;
        });
  }

  @Override
  public Optional<Status> query(String name) {
    try {
      return Optional.of(
          withService(
              name,
              Winsvc.SERVICE_QUERY_STATUS,
              service -> {
                Winsvc.SERVICE_STATUS_PROCESS s = new Winsvc.SERVICE_STATUS_PROCESS();
                IntByReference needed = new IntByReference();
                if (!Advapi32.INSTANCE.QueryServiceStatusEx(
                    service, Winsvc.SC_STATUS_TYPE.SC_STATUS_PROCESS_INFO, s, s.size(), needed)) {
                  throw failure("QueryServiceStatusEx " + name);
                }
                return new Status(
                    ServiceState.of(s.dwCurrentState).label(),
                    Integer.toUnsignedLong(s.dwProcessId),
                    s.dwWin32ExitCode,
                    s.dwServiceSpecificExitCode);
              }));
    } catch (ServiceHostException e) {
      if (e.reason() == ServiceHostException.Reason.NOT_INSTALLED) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void stop(String name) {
    withService(
        name,
        Winsvc.SERVICE_STOP,
        service -> {
          Winsvc.SERVICE_STATUS s = new Winsvc.SERVICE_STATUS();
          if (!Advapi32.INSTANCE.ControlService(service, Winsvc.SERVICE_CONTROL_STOP, s)
              && Kernel32.INSTANCE.GetLastError() != SERVICE_NOT_ACTIVE) {
            throw failure("ControlService(stop) " + name);
          }
          return null;
        });
  }

  @Override
  public void delete(String name) {
    withService(
        name,
        WinNT.DELETE,
        service -> {
          if (!Advapi32.INSTANCE.DeleteService(service)) {
            throw failure("DeleteService " + name);
          }
          return null;
        });
  }

  @Override
  public void event(String source, EventKind kind, String message) {
    WinNT.HANDLE log = Advapi32.INSTANCE.RegisterEventSource(null, source);
    if (log == null) {
      throw failure("RegisterEventSource " + source);
    }
    try {
      int type =
          switch (kind) {
            case INFO -> WinNT.EVENTLOG_INFORMATION_TYPE;
            case WARNING -> WinNT.EVENTLOG_WARNING_TYPE;
            case ERROR -> WinNT.EVENTLOG_ERROR_TYPE;
          };
      // Event id 1000 + severity; the message is the only insertion string.
      int id = 1000 + kind.ordinal();
      if (!Advapi32.INSTANCE.ReportEvent(
          log, type, 0, id, null, 1, 0, new String[] {message}, null)) {
        throw failure("ReportEvent " + source);
      }
    } finally {
      Advapi32.INSTANCE.DeregisterEventSource(log);
    }
  }
}
