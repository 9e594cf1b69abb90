package io.sockwarden.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class PlainLineLayoutTest {
  private final LoggerContext context = new LoggerContext();

  @Test
  void printsWhatThePatternItReplacesPrints() {
    LoggingEvent warning =
        event(
            "org.drools.compiler.kie.builder.impl.KieServicesImpl",
            Level.WARN,
            "rule {} ignored",
            null,
            "r1");
    LoggingEvent short_ = event("Short", Level.ERROR, "plain", null);

    assertThat(layout().doLayout(warning))
        .isEqualTo(pattern().doLayout(warning))
        .isEqualTo("WARN o.d.c.k.b.i.KieServicesImpl: rule r1 ignored" + System.lineSeparator());
    assertThat(layout().doLayout(short_)).isEqualTo(pattern().doLayout(short_));
  }

  @Test
  void addsTheStackTraceOfAnException() {
    IllegalStateException cause = new IllegalStateException("inner");
    LoggingEvent failed =
        event("io.sockwarden.Thing", Level.ERROR, "failed", new RuntimeException("outer", cause));

    String text = layout().doLayout(failed);

    assertThat(text).isEqualTo(pattern().doLayout(failed));
    assertThat(text)
        .startsWith(
            "ERROR io.sockwarden.Thing: failed"
                + System.lineSeparator()
                + "java.lang.RuntimeException: outer")
        .contains("\tat io.sockwarden.agent.logging.PlainLineLayoutTest")
        .contains("Caused by: java.lang.IllegalStateException: inner");
  }

  private PlainLineLayout layout() {
    PlainLineLayout layout = new PlainLineLayout();
    layout.setContext(context);
    layout.start();
    return layout;
  }

  private PatternLayout pattern() {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern("%level %logger{20}: %msg%n");
    layout.start();
    return layout;
  }

  private LoggingEvent event(
      String logger, Level level, String message, Throwable thrown, Object... args) {
    Logger log = context.getLogger(logger);
    return new LoggingEvent(Logger.class.getName(), log, level, message, thrown, args);
  }
}
