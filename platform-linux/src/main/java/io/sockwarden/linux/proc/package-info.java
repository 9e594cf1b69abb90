/**
 * One small class per {@code /proc} file: a thin method reads it, a static {@code parse} turns its
 * text into values. Parsers are pure and tested with fixtures.
 */
package io.sockwarden.linux.proc;
