/**
 * Changing Linux kernel parameters: live under {@code /proc/sys} and persistently in the agent's
 * own sysctl.d file, written atomically. Validation, the file's format and verification live here;
 * journalling and rollback are the agent's.
 */
package io.sockwarden.linux.remediate;
