package io.sockwarden.agent.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter2;

/**
 * Logback for the {@code sockwarden} program, configured by {@link StderrLogConfigurator} without
 * logback's search for a configuration.
 *
 * <p>Logback's own provider finds its configurators through {@link java.util.ServiceLoader}, checks
 * that its two jars have the same version, times the configurator and loads its status printer; and
 * for SLF4J to find a provider at all it reads every jar on the class path. In a cold scan that was
 * about 90 ms on the main thread, against about 30 ms this way. The program names this class in
 * {@code slf4j.provider} ({@code Main}); elsewhere (tests, embedding) SLF4J and logback find their
 * configuration as usual, which ends in the same {@link StderrLogConfigurator}.
 */
public final class CommandLineLogging extends LogbackServiceProvider {
  @Override
  public void initialize() {
    LoggerContext context = (LoggerContext) getLoggerFactory();
    context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
    context.setMDCAdapter(getMDCAdapter());
    StderrLogConfigurator configurator = new StderrLogConfigurator();
    configurator.setContext(context);
    configurator.configure(context);
    // As logback's provider does, but the printer (slow to load) only when there is something to
    // print.
    if (!StatusUtil.contextHasStatusListener(context)
        && new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
      new StatusPrinter2().printInCaseOfErrorsOrWarnings(context, 0);
    }
    context.start();
  }
}
