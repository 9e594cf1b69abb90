package io.sockwarden.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class CommandLineLoggingTest {
  @Test
  void configuresWarningsOnStandardErrorAsTheServiceLoaderPathDoes() {
    CommandLineLogging provider = new CommandLineLogging();
    provider.initialize();

    LoggerContext context = (LoggerContext) provider.getLoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(context.isStarted()).isTrue();
    assertThat(context.getName()).isEqualTo("default");
    assertThat(context.getMDCAdapter()).isSameAs(provider.getMDCAdapter());
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("stderr"))
        .isInstanceOfSatisfying(
            ConsoleAppender.class, a -> assertThat(a.getTarget()).isEqualTo("System.err"));
  }
}
