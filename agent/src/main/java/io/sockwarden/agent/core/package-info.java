/**
 * The agent's core, shared by every front end (the command line, the service loop, the Windows
 * service): the host session with its crash recovery, the scan service (collect, compare counters,
 * evaluate), and the remediation service (plan, apply, roll back). Free of picocli; failures are
 * typed ({@link io.sockwarden.agent.Failure}), and front ends decide what they mean.
 */
package io.sockwarden.agent.core;
