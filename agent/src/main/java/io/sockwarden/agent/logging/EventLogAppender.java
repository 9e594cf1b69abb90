package io.sockwarden.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.function.BiConsumer;

/**
 * Passes errors, and lines marked for it, to the operating system's event log: the service's
 * failures reach the tools that watch the event log, not only the log file. Lines of the logger
 * {@code sockwarden.service} are left out (the service host reports its own start, stop and
 * failures there).
 */
final class EventLogAppender extends AppenderBase<ILoggingEvent> {
  /** Lines of this logger go to the event log at their level (warnings and above). */
  static final String EVENTS_LOGGER = "sockwarden.events";

  private final BiConsumer<String, String> sink;

  /**
   * @param sink receives the level ({@code ERROR}, {@code WARN}) and the message
   */
  EventLogAppender(BiConsumer<String, String> sink) {
    this.sink = sink;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String logger = event.getLoggerName();
    boolean marked = EVENTS_LOGGER.equals(logger) && event.getLevel().isGreaterOrEqual(Level.WARN);
    boolean error =
        event.getLevel().isGreaterOrEqual(Level.ERROR) && !"sockwarden.service".equals(logger);
    if (marked || error) {
      sink.accept(event.getLevel().toString(), event.getFormattedMessage());
    }
  }
}
