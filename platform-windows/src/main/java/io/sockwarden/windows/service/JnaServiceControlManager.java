package io.sockwarden.windows.service;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import io.sockwarden.model.ServiceHostException;

/**
 * {@link ServiceControlManager} through advapi32. The callbacks are kept in fields: JNA frees a
 * callback's native stub once the Java object is collected, and the manager calls them for the
 * process's lifetime.
 */
public final class JnaServiceControlManager implements ServiceControlManager {
  private Winsvc.SERVICE_MAIN_FUNCTION main;
  private Winsvc.HandlerEx handlerEx;
  private Winsvc.SERVICE_STATUS_HANDLE handle;

  @Override
  public void dispatch(String name, Runnable serviceMain) {
    main = (argc, argv) -> serviceMain.run();
    Winsvc.SERVICE_TABLE_ENTRY[] table =
        (Winsvc.SERVICE_TABLE_ENTRY[]) new Winsvc.SERVICE_TABLE_ENTRY().toArray(2);
    table[0].lpServiceName = name;
    table[0].lpServiceProc = main;
    // table[1] stays zeroed: the terminator
    if (!Advapi32.INSTANCE.StartServiceCtrlDispatcher(table)) {
      int code = Kernel32.INSTANCE.GetLastError();
      throw new ServiceHostException(
          code == NOT_STARTED_AS_SERVICE
              ? ServiceHostException.Reason.NOT_A_SERVICE
              : ServiceHostException.Reason.FAILED,
          code,
          "StartServiceCtrlDispatcher: " + Kernel32Util.formatMessage(code).trim());
    }
  }

  @Override
  public StatusReporter register(String name, ControlHandler handler) {
    handlerEx =
        (int control, int eventType, Pointer eventData, Pointer context) -> handler.handle(control);
    handle = Advapi32.INSTANCE.RegisterServiceCtrlHandlerEx(name, handlerEx, null);
    if (handle == null) {
      int code = Kernel32.INSTANCE.GetLastError();
      throw new ServiceHostException(
          ServiceHostException.Reason.FAILED,
          code,
          "RegisterServiceCtrlHandlerEx: " + Kernel32Util.formatMessage(code).trim());
    }
    return this::report;
  }

  private void report(ServiceStatus status) {
    Winsvc.SERVICE_STATUS s = new Winsvc.SERVICE_STATUS();
    s.dwServiceType = WinNT.SERVICE_WIN32_OWN_PROCESS;
    s.dwCurrentState = status.state().win32();
    s.dwControlsAccepted = status.controlsAccepted();
    s.dwWin32ExitCode = status.win32ExitCode();
    s.dwServiceSpecificExitCode = status.serviceExitCode();
    s.dwCheckPoint = status.checkPoint();
    s.dwWaitHint = status.waitHintMillis();
    if (!Advapi32.INSTANCE.SetServiceStatus(handle, s)) {
      int code = Kernel32.INSTANCE.GetLastError();
      throw new ServiceHostException(
          ServiceHostException.Reason.FAILED,
          code,
          "SetServiceStatus: " + Kernel32Util.formatMessage(code).trim());
    }
  }
}
