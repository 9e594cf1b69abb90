/**
 * The Sockwarden agent: command line, configuration, scans and reports. It reaches the host only
 * through the {@link io.sockwarden.model.Platform} port, found at run time.
 */
package io.sockwarden.agent;
