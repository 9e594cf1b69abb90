/**
 * The agent as a Windows service: {@link io.sockwarden.windows.service.ServiceLifecycle} is the
 * service's side of the service control manager's protocol (states, checkpoints and wait hints,
 * controls, exit codes) in plain Java, tested against a fake; {@code Jna*} classes are the thin
 * adapters to {@code advapi32} ({@code StartServiceCtrlDispatcher}, {@code
 * RegisterServiceCtrlHandlerEx}, {@code SetServiceStatus}, {@code CreateService}, {@code
 * ChangeServiceConfig2}, {@code ReportEvent}).
 */
package io.sockwarden.windows.service;
