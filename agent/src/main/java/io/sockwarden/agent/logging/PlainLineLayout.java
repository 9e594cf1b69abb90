package io.sockwarden.agent.logging;

import ch.qos.logback.classic.pattern.Abbreviator;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * One event as {@code LEVEL logger: message}, the logger's name shortened to about 20 characters
 * ({@code o.d.c.k.b.i.KieServicesImpl}), then the stack trace of its exception if it has one: what
 * the pattern {@code %level %logger{20}: %msg%n} prints. Written out because logback's pattern
 * layout sets up its whole converter table when first used, about 12 ms of a command's start-up.
 */
final class PlainLineLayout extends LayoutBase<ILoggingEvent> {
  private final Abbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(20);

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    line.append(event.getLevel())
        .append(' ')
        .append(abbreviator.abbreviate(event.getLoggerName()))
        .append(": ")
        .append(event.getFormattedMessage())
        .append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown));
    }
    return line.toString();
  }
}
