package io.sockwarden.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;

/**
 * A knowledge base built ahead of need on a background thread, handed out once.
 *
 * <p>Building the built-in knowledge base takes about a tenth of a second, mostly class
 * initialisation inside Drools, and a command needs it only after parsing its arguments and
 * collecting facts. Started at the beginning of such a command, the build runs on the second core
 * meanwhile. The base is given to the first taker only (a base may later have rules removed from
 * it, see {@link RuleSet#without}); every later taker builds a fresh one.
 */
final class PreparedBase {
  private final Supplier<InternalKnowledgeBase> build;
  private FutureTask<InternalKnowledgeBase> pending; // guarded by this
  private boolean started; // guarded by this

  PreparedBase(Supplier<InternalKnowledgeBase> build) {
    this.build = build;
  }

  /** Starts the build on a daemon thread; does nothing after the first call. */
  synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    pending = new FutureTask<>(build::get);
    Thread thread = new Thread(pending, "sockwarden-rules");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The base started by {@link #start}, waiting for it, the first time; otherwise a new one built
   * on the calling thread. A build that failed in the background throws here as it would have on
   * the calling thread.
   */
  InternalKnowledgeBase take() {
    FutureTask<InternalKnowledgeBase> task;
    synchronized (this) {
      task = pending;
      pending = null;
    }
    if (task == null) {
      return build.get();
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // the build does not stop for it; finish waiting, keep the flag
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("building the knowledge base failed", cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
