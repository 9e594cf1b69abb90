/**
 * The Windows implementation of the {@link io.sockwarden.model.Platform} port. JNA and OSHI are
 * used only in thin adapters behind interfaces ({@code registry}, {@code ports}, {@code sockets},
 * {@code events}, {@code security}); the collector, census, parsers and remediation run on any OS
 * against fakes.
 */
package io.sockwarden.windows;
