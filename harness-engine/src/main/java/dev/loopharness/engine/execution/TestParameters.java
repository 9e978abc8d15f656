package dev.loopharness.engine.execution;

import dev.loopharness.api.Loop;
import dev.loopharness.api.TestContext;
import dev.loopharness.api.VirtualClock;
import dev.loopharness.api.VirtualTime;
import dev.loopharness.engine.annotation.MethodAnnotations;
import dev.loopharness.engine.clock.RealTimeLoopException;
import dev.loopharness.engine.clock.VirtualLoopClock;
import dev.loopharness.engine.fixture.TestFixtures;
import dev.loopharness.engine.kit.HarnessLoop;
import java.lang.reflect.Parameter;

/**
 * Resolves a test method's arguments: its {@link Loop}, its {@link TestContext}, the {@link
 * VirtualClock} of its loop, its fixtures.
 */
final class TestParameters {
  private final TestSpec spec;
  private final HarnessLoop loop;
  private final TestContext testContext;
  private final TestFixtures fixtures;

  TestParameters(TestSpec spec, HarnessLoop loop, TestContext testContext, TestFixtures fixtures) {
    this.spec = spec;
    this.loop = loop;
    this.testContext = testContext;
    this.fixtures = fixtures;
  }

  Object[] resolve() {
    Parameter[] parameters = spec.method().getParameters();
    Object[] arguments = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      arguments[i] = resolve(parameters[i], i);
    }
    return arguments;
  }

  // Fixture parameters were checked at discovery: one no module binds refused the test there.
  private Object resolve(Parameter parameter, int index) {
    if (TestFixtures.isFixture(parameter)) {
      return fixtures.parameter(parameter);
    }
    if (parameter.getType() == VirtualClock.class) {
      return clock(parameter, index);
    }
    return parameter.getType() == Loop.class ? loop : testContext;
  }

  private VirtualClock clock(Parameter parameter, int index) {
    VirtualLoopClock clock = VirtualLoopClock.of(loop);
    if (clock == null) {
      throw RealTimeLoopException.forTest(spec.ownerName(),
          "parameter " + (index + 1) + " (VirtualClock " + parameter.getName() + ")", loop.name(),
          loop.scope(), MethodAnnotations.direct(spec.method(), VirtualTime.class) != null);
    }
    return clock;
  }
}
