package dev.loopharness.engine.clock;

import dev.loopharness.api.Scope;
import dev.loopharness.api.VirtualTime;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.annotation.ClassAnnotations;
import dev.loopharness.engine.annotation.MethodAnnotations;
import dev.loopharness.config.ClockMode;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * Which loops run on virtual time: every loop under {@code harness.loop.clock = virtual}; else the
 * function loop of a test annotated {@link VirtualTime} (on the method or its class) and the class
 * loop of an annotated class.
 */
public final class ClockPolicy {
  private final boolean everyLoop;
  private final Duration autojumpAfter;

  public ClockPolicy(HarnessConfig config) {
    this.everyLoop = config.clockMode() == ClockMode.VIRTUAL;
    this.autojumpAfter = config.autojumpAfter();
  }

  /** Whether the loop of {@code scope} for this test (or class, with a null method) is virtual. */
  public boolean isVirtual(Scope scope, Class<?> testClass, Method method) {
    if (everyLoop) {
      return true;
    }
    switch (scope) {
      case FUNCTION:
        return annotated(testClass) || (method != null && MethodAnnotations.isAnnotated(method, VirtualTime.class));
      case CLASS:
        return annotated(testClass);
      default:
        return false;
    }
  }

  /** A new clock for a virtual loop, or null for a loop on the wall clock. */
  public VirtualLoopClock clockFor(Scope scope, Class<?> testClass, Method method) {
    return isVirtual(scope, testClass, method) ? new VirtualLoopClock(autojumpAfter) : null;
  }

  private static boolean annotated(Class<?> testClass) {
    return testClass != null && ClassAnnotations.isAnnotated(testClass, VirtualTime.class);
  }
}
