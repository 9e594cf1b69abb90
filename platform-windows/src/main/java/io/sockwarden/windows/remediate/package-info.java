/**
 * Changes on Windows: registry DWORDs under {@code Tcpip\Parameters} and the TCP dynamic port range
 * through netsh, each a {@link io.sockwarden.model.Resource} the agent's journal restores exactly.
 */
package io.sockwarden.windows.remediate;
