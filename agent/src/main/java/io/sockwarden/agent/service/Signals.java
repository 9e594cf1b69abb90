package io.sockwarden.agent.service;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * Catches POSIX signals for the service: TERM and INT to stop cleanly (and exit 0 rather than the
 * JVM's 143), HUP to reload. Uses the JDK's {@code sun.misc.Signal} from the {@code
 * jdk.unsupported} module through reflection, so that the build's -Werror does not trip over the
 * internal-API warning; where it is missing (another JVM, Windows for HUP) the handler is simply
 * not installed.
 */
final class Signals {
  private Signals() {}

  /**
   * Runs {@code action} on a JDK signal thread when signal {@code name} arrives.
   *
   * @return empty when installed, else why not
   */
  static Optional<String> on(String name, Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance(name);
      InvocationHandler invocation =
          (Object proxy, Method method, Object[] args) -> {
            if (method.getName().equals("handle")) {
              action.run();
              return null;
            }
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              case "toString" -> "sockwarden " + name + " handler";
              default -> null;
            };
          };
      Object handler =
          Proxy.newProxyInstance(
              Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, invocation);
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
      return Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return Optional.of("SIG" + name + " cannot be caught here: " + e);
    }
  }
}
