package dev.loopharness.vertx;

import java.util.Set;

/**
 * Which timers scheduled on a harness loop's Netty event loop are the test's ({@code vertx.setTimer},
 * {@code setPeriodic}, {@code timer(...)} or a plain {@code EventLoop.schedule}) and which are Vert.x's
 * own housekeeping (an HTTP client's pool checker, a connect timeout), which belong to the resource
 * that made them and are not reported by themselves.
 */
final class VertxTimers {
  private static final String CONTEXT_TIMER = "io.vertx.core.internal.ContextInternal";
  // The API a caller goes through to make a timer: skipped when looking for who called it.
  private static final Set<String> TIMER_API = Set.of("io.vertx.core.impl.VertxImpl", CONTEXT_TIMER,
      "io.vertx.core.impl.ContextImpl", "io.vertx.core.impl.ContextBase", "io.vertx.core.impl.DuplicatedContext",
      "io.vertx.core.impl.ShadowContext", "io.vertx.core.internal.VertxWrapper", "io.vertx.core.Vertx",
      "io.vertx.core.Context");
  private static final StackWalker WALKER = StackWalker.getInstance();

  private VertxTimers() {}

  /**
   * True when the code that asked for this timer is Vert.x itself: the first frame below the timer
   * API, the harness and Netty is a Vert.x class.
   */
  static boolean madeByVertx() {
    return WALKER.walk(frames -> frames
        .map(StackWalker.StackFrame::getClassName)
        .filter(name -> !name.startsWith("dev.loopharness.") && !name.startsWith("io.netty.")
            && !TIMER_API.contains(name) && !name.startsWith(CONTEXT_TIMER + "$"))
        .findFirst()
        .map(name -> name.startsWith("io.vertx."))
        .orElse(true));
  }
}
