/** Port-exhaustion events of the TCP/IP stack in the System event log. */
package io.sockwarden.windows.events;
