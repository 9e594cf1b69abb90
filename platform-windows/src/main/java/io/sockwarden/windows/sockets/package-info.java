/**
 * The TCP connection table: read through OSHI, or straight from {@code GetExtendedTcpTable} when
 * OSHI fails (it throws on an empty table), and aggregated into the platform-neutral census.
 */
package io.sockwarden.windows.sockets;
