package io.sockwarden.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.slf4j.LoggerFactory;

/**
 * Logging for the long-running service: plain lines on standard output, info and above (debug with
 * {@code -Dsockwarden.log.level=DEBUG}). Under journald ({@code JOURNAL_STREAM} set) lines carry no
 * timestamp, since the journal adds its own; otherwise each line starts with one.
 *
 * <p>A Windows service has no console: {@link #configureFile} writes the same lines to a rotated
 * file instead, and passes errors to the event log.
 */
public final class ServiceLogging {
  private ServiceLogging() {}

  /** Replaces the command-line configuration (warnings on standard error) with the service's. */
  public static void configure(boolean underJournald) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(
        underJournald ? "%-5level %msg%n" : "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("stdout");
    appender.setTarget("System.out");
    appender.setEncoder(encoder);
    appender.start();
    root.setLevel(Level.toLevel(System.getProperty("sockwarden.log.level"), Level.INFO));
    root.addAppender(appender);
  }

  /** The log file's name in its directory; rotated copies are {@code sockwarden.1.log} ... */
  public static final String FILE_NAME = "sockwarden.log";

  /** How many rotated files are kept besides the current one. */
  static final int KEEP = 5;

  /** The size at which the file is rotated. */
  static final String MAX_SIZE = "10MB";

  /**
   * Replaces the configuration with lines (each with a timestamp) in {@code
   * directory/sockwarden.log}, rotated at 10 MB keeping 5 older files, and errors passed to {@code
   * errors} as well (the event log), except those of the logger {@code sockwarden.service}, whose
   * errors the service host reports itself.
   *
   * @return the log file
   * @throws UncheckedIOException when the directory cannot be created
   */
  public static Path configureFile(Path directory, BiConsumer<String, String> errors) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the log directory " + directory, e);
    }
    Path file = directory.resolve(FILE_NAME);
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return file;
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %msg%n");
    encoder.start();

    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(directory.resolve("sockwarden.%i.log").toString());
    rolling.setMinIndex(1);
    rolling.setMaxIndex(KEEP);
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(FileSize.valueOf(MAX_SIZE));
    trigger.start();
    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    appender.start();
    root.addAppender(appender);

    EventLogAppender events = new EventLogAppender(errors);
    events.setContext(context);
    events.setName("eventlog");
    events.start();
    root.addAppender(events);
    root.setLevel(Level.toLevel(System.getProperty("sockwarden.log.level"), Level.INFO));
    return file;
  }
}
