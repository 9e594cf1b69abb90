/**
 * The Windows registry behind the {@link io.sockwarden.windows.registry.Registry} interface: one
 * JNA adapter ({@link io.sockwarden.windows.registry.JnaRegistry}) and the names of the values the
 * agent reads and writes.
 */
package io.sockwarden.windows.registry;
