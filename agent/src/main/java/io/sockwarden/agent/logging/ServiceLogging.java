package io.sockwarden.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging for the long-running service: plain lines on standard output, info and above (debug with
 * {@code -Dsockwarden.log.level=DEBUG}). Under journald ({@code JOURNAL_STREAM} set) lines carry no
 * timestamp, since the journal adds its own; otherwise each line starts with one.
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
}
