package dev.loopharness.engine.clock;

import dev.loopharness.api.Scope;

/**
 * A {@code VirtualClock} was asked for on a loop whose timers follow the wall clock; the message
 * names the loop, why it is not virtual and {@code @VirtualTime} as the fix.
 */
public final class RealTimeLoopException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  static final String ID = "[Harness/RealTimeLoop] ";

  private RealTimeLoopException(String message) {
    super(message);
  }

  /**
   * For a test parameter.
   *
   * @param test the test, e.g. {@code ClockTest > waits(VirtualClock)}
   * @param parameter which parameter, e.g. {@code parameter 2 (VirtualClock clock)}
   * @param methodAnnotated whether the method itself carries {@code @VirtualTime}
   */
  public static RealTimeLoopException forTest(String test, String parameter, String loopName,
      Scope loopScope, boolean methodAnnotated) {
    return new RealTimeLoopException(ID + test + " asks for a VirtualClock as " + parameter
        + ", but it runs on loop " + loopName + ", whose timers follow the wall clock"
        + why(loopScope, methodAnnotated));
  }

  /** For {@code FixtureContext.virtualClock()} in a setup; {@code fixture} as {@code fixture KvClient (FUNCTION)}. */
  public static RealTimeLoopException forFixture(String fixture, String loopName, Scope loopScope) {
    return new RealTimeLoopException(ID + "the setup of " + fixture + " asks for ctx.virtualClock(), but"
        + " it runs on loop " + loopName + ", whose timers follow the wall clock"
        + why(loopScope, false));
  }

  private static String why(Scope loopScope, boolean methodAnnotated) {
    switch (loopScope) {
      case FUNCTION:
        return ". Fix: annotate the test method or its class with @VirtualTime (or set"
            + " harness.loop.clock = virtual for every loop).";
      case CLASS:
        return (methodAnnotated ? ": @VirtualTime on a method makes only the test's function loop"
            + " virtual" : "") + ". Fix: annotate the test class with @VirtualTime, which makes its"
            + " class loop virtual too (or set harness.loop.clock = virtual for every loop).";
      default:
        return ": @VirtualTime makes function and class loops virtual, never " + loopScope.configName()
            + " loops. Fix: use a function or class loop (@LoopScope, loopScope(...)), or set"
            + " harness.loop.clock = virtual for every loop.";
    }
  }
}
