package dev.loopharness.engine.execution;

import dev.loopharness.api.Loop;
import dev.loopharness.api.TestContext;
import dev.loopharness.engine.fixture.TestFixtures;
import java.lang.reflect.Parameter;

/** Resolves a test method's arguments: its {@link Loop}, its {@link TestContext}, its fixtures. */
final class TestParameters {
  private final TestSpec spec;
  private final Loop loop;
  private final TestContext testContext;
  private final TestFixtures fixtures;

  TestParameters(TestSpec spec, Loop loop, TestContext testContext, TestFixtures fixtures) {
    this.spec = spec;
    this.loop = loop;
    this.testContext = testContext;
    this.fixtures = fixtures;
  }

  Object[] resolve() {
    Parameter[] parameters = spec.method().getParameters();
    Object[] arguments = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      arguments[i] = resolve(parameters[i]);
    }
    return arguments;
  }

  // Fixture parameters were checked at discovery: one no module binds refused the test there.
  private Object resolve(Parameter parameter) {
    if (TestFixtures.isFixture(parameter)) {
      return fixtures.parameter(parameter);
    }
    return parameter.getType() == Loop.class ? loop : testContext;
  }
}
