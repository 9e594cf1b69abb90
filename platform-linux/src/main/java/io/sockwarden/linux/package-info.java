/**
 * The Linux implementation of {@link io.sockwarden.model.Platform}: reads {@code /proc} and the
 * persistent sysctl configuration. Every path is relative to a configurable proc root and file
 * system root, so tests build a host under a temporary directory.
 */
package io.sockwarden.linux;
