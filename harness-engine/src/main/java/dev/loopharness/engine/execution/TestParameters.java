package dev.loopharness.engine.execution;

import dev.loopharness.api.Loop;
import dev.loopharness.api.TestContext;
import java.lang.reflect.Parameter;

/** Resolves a test method's arguments: its {@link Loop}, its {@link TestContext}. */
final class TestParameters {
  private final TestSpec spec;
  private final Loop loop;
  private final HarnessRun run;

  TestParameters(TestSpec spec, Loop loop, HarnessRun run) {
    this.spec = spec;
    this.loop = loop;
    this.run = run;
  }

  Object[] resolve() {
    Parameter[] parameters = spec.method().getParameters();
    Object[] arguments = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      arguments[i] = resolve(parameters[i], i);
    }
    return arguments;
  }

  private Object resolve(Parameter parameter, int index) {
    Class<?> type = parameter.getType();
    if (type == Loop.class) {
      return loop;
    }
    if (type == TestContext.class) {
      return new DefaultTestContext(spec, run.listener());
    }
    throw new TestDeclarationException("parameter " + (index + 1) + " (" + type.getSimpleName() + " "
        + parameter.getName() + ") of " + spec.ownerName() + " cannot be resolved: the engine"
        + " supplies Loop, TestContext and the fixtures bound by the class's @Fixtures modules."
        + " Fix: bind " + type.getSimpleName() + " as a fixture, or remove the parameter.");
  }
}
