/**
 * The socket census: TCP sockets read from the kernel (netlink {@code inet_diag}, or {@code
 * /proc/net/tcp{,6}} where netlink is unavailable) and aggregated while streaming, so memory grows
 * with the number of listeners and destinations, not with the number of sockets.
 */
package io.sockwarden.linux.sockets;
