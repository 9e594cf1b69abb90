package io.sockwarden.windows.service;

/**
 * The service control manager as a service process sees it, reduced to what {@link
 * ServiceLifecycle} needs: {@code StartServiceCtrlDispatcher}, {@code RegisterServiceCtrlHandlerEx}
 * and {@code SetServiceStatus}. {@link JnaServiceControlManager} is the real one; tests use a fake.
 */
public interface ServiceControlManager {
  /** {@code NO_ERROR}: a control was handled. */
  int NO_ERROR = 0;

  /** {@code ERROR_CALL_NOT_IMPLEMENTED}: a control the service does not handle. */
  int CALL_NOT_IMPLEMENTED = 120;

  /** {@code ERROR_FAILED_SERVICE_CONTROLLER_CONNECT}: the process was not started as a service. */
  int NOT_STARTED_AS_SERVICE = 1063;

  int CONTROL_STOP = 1;
  int CONTROL_INTERROGATE = 4;
  int CONTROL_SHUTDOWN = 5;
  int CONTROL_PARAMCHANGE = 6;

  /** Handles a control code on the manager's thread; returns a Win32 error code. */
  @FunctionalInterface
  interface ControlHandler {
    int handle(int control);
  }

  /** Sends status reports for one registered service. */
  @FunctionalInterface
  interface StatusReporter {
    /**
     * Reports {@code status}.
     *
     * @throws io.sockwarden.model.ServiceHostException when the manager refuses it
     */
    void report(ServiceStatus status);
  }

  /**
   * Connects this process to the manager and runs {@code serviceMain} on the thread the manager
   * starts for the service; returns when the service has reported {@link ServiceState#STOPPED}.
   *
   * @throws io.sockwarden.model.ServiceHostException with reason {@code NOT_A_SERVICE} when this
   *     process was not started by the manager
   */
  void dispatch(String name, Runnable serviceMain);

  /** Registers the control handler; called first thing in the service's main function. */
  StatusReporter register(String name, ControlHandler handler);
}
