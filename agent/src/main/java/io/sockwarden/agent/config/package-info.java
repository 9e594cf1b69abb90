/** The agent's configuration file ({@code agent.yaml}): schema, defaults, validation. */
package io.sockwarden.agent.config;
