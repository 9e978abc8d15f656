package dev.loopharness.vertx;

import dev.loopharness.engine.kit.CallbackErrors;
import dev.loopharness.engine.kit.HarnessThreads;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.VertxThreadFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one Vert.x instance of a run. Its event-loop group hands out the harness loop of the calling
 * thread ({@link LoopTransport}), so contexts Vert.x makes there (a verticle's) live on that loop;
 * its own threads (the acceptor, workers) are harness threads, never a test's leaked thread; it
 * leaves thread context class loaders alone, since the harness marks threads through them.
 */
final class VertxRuntime {
  private static final Logger LOG = Logger.getLogger(VertxRuntime.class.getName());

  private static final String BLOCKED_THREAD_CHECKER = "vertx-blocked-thread-checker";
  private final Map<EventExecutor, VertxLoop> loops = new ConcurrentHashMap<>();
  // Every thread this Vert.x made (its factory's, and its blocked-thread checker's timer): closing
  // waits for them to end, so that no thread of the run's Vert.x outlives the run.
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final ServerChannels servers = new ServerChannels();
  private final Duration closeTimeout;
  private final VertxInternal vertx;
  private final Deployments deployments;

  private VertxRuntime(Duration closeTimeout) {
    this.closeTimeout = closeTimeout;
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(1).setDisableTCCL(true).setUseDaemonThread(true);
    VertxThreadFactory threads = new VertxThreadFactory() {
      @Override
      public VertxThread newVertxThread(Runnable target, String name, boolean worker, long maxExecTime,
          TimeUnit unit) {
        VertxThread thread = new VertxThread(target, name, worker, maxExecTime, unit);
        VertxRuntime.this.threads.add(thread);
        return HarnessThreads.adopt(thread);
      }
    };
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    this.vertx = (VertxInternal) VertxBootstrap.create().options(options).threadFactory(threads)
        .transport(new LoopTransport(this::current, servers)).init().vertx();
    // The checker's timer thread is not the factory's; it is the one that started with this Vert.x.
    for (Thread started : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(started) && started.getName().equals(BLOCKED_THREAD_CHECKER)) {
        this.threads.add(started);
      }
    }
    this.deployments = new Deployments(vertx);
    vertx.exceptionHandler(VertxRuntime::unhandled);
  }

  /**
   * Vert.x's exception handler of last resort, for contexts without one of their own: what a
   * handler threw on a harness loop is an unhandled error of the owner running it; elsewhere it is
   * logged, as Vert.x does.
   */
  private static void unhandled(Throwable failure) {
    if (!CallbackErrors.recordForRunningOwner(failure,
        "a Vert.x handler (it reached the context's exception handler; none was set)", firstUserFrame(failure))) {
      LOG.log(Level.SEVERE, "Unhandled exception", failure);
    }
  }

  /** Where the handler's own code threw, e.g. {@code A.lambda$b$0(A.java:3)}: the first frame outside Vert.x, Netty, the harness and the JDK. */
  static String firstUserFrame(Throwable failure) {
    for (StackTraceElement f : failure.getStackTrace()) {
      String cls = f.getClassName();
      if (!cls.startsWith("io.vertx.") && !cls.startsWith("io.netty.") && !cls.startsWith("java.")
          && !cls.startsWith("jdk.") && !cls.startsWith("sun.") && !cls.startsWith("dev.loopharness.engine.")
          && !cls.startsWith("dev.loopharness.netty.") && !cls.startsWith("dev.loopharness.vertx.Vertx")) {
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethodName() + "("
            + (f.getFileName() == null ? "Unknown Source"
                : f.getFileName() + (f.getLineNumber() >= 0 ? ":" + f.getLineNumber() : "")) + ")";
      }
    }
    return "";
  }

  static VertxRuntime start(Duration closeTimeout) {
    return new VertxRuntime(closeTimeout);
  }

  VertxInternal vertx() {
    return vertx;
  }

  ServerChannels servers() {
    return servers;
  }

  Deployments deployments() {
    return deployments;
  }

  void opened(VertxLoop loop) {
    loops.put(loop.nettyEventLoop(), loop);
  }

  void closed(VertxLoop loop) {
    loops.remove(loop.nettyEventLoop());
  }

  /** The Vert.x loop running on this thread, or null. */
  VertxLoop currentLoop() {
    EventExecutor executor = ThreadExecutorMap.currentExecutor();
    return executor == null ? null : loops.get(executor);
  }

  // What Vert.x's event-loop group hands out on this thread; a verticle being deployed here is noted.
  private EventLoop current() {
    VertxLoop loop = currentLoop();
    if (loop == null) {
      return null;
    }
    if (Deployments.deploying()) {
      loop.deploying();
    }
    return loop.nettyEventLoop();
  }

  /**
   * Closes Vert.x and waits for its threads to end (its close completes a moment before they do),
   * up to the drain timeout plus a second in all.
   */
  void close() {
    long deadline = System.nanoTime() + closeTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
    try {
      vertx.close().toCompletionStage().toCompletableFuture()
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      for (Thread thread : threads) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return;
        }
        thread.join(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Vert.x could not close in time: its threads are daemon harness threads, the run goes on.
    }
  }

}
