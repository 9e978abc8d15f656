package dev.loopharness.engine.execution;

import dev.loopharness.api.Scope;
import java.util.concurrent.atomic.AtomicLong;

/** Loop names unique within a run: {@code class:EchoTest#2}, {@code function:EchoTest.echoes#7}. */
final class LoopNames {
  private final AtomicLong counter = new AtomicLong();

  String next(Scope scope, String label) {
    long n = counter.incrementAndGet();
    return scope == Scope.SESSION ? "session#" + n : scope.configName() + ":" + label + "#" + n;
  }
}
