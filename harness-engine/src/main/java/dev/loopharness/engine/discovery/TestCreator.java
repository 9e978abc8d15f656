package dev.loopharness.engine.discovery;

import dev.loopharness.api.Scope;
import dev.loopharness.engine.descriptor.AsyncTestDescriptor;
import dev.loopharness.engine.descriptor.ClassDescriptor;
import dev.loopharness.engine.descriptor.HarnessEngineDescriptor;
import dev.loopharness.engine.descriptor.TestMethods;
import dev.loopharness.engine.execution.TestRunner;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;

/**
 * Makes the descriptor of an {@code @AsyncTest} method, with the fixture problems that will refuse
 * it; once per method, however it was selected (its class, itself, or both).
 */
final class TestCreator {
  private final HarnessEngineDescriptor root;

  TestCreator(HarnessEngineDescriptor root) {
    this.root = root;
  }

  /**
   * Adds every test of a selected class that is not there yet. Done here rather than through one
   * method selector per test: JUnit's resolution of a selector (the resolvers asked in turn, its
   * context, the maps of what was resolved, the listener told) cost more than the test's own
   * descriptor, and a selected class is almost always all there is.
   */
  void addAllTests(ClassDescriptor parent) {
    Set<UniqueId> present = new HashSet<>();
    for (TestDescriptor child : parent.getChildren()) {
      present.add(child.getUniqueId());
    }
    for (Method method : TestMethods.testMethodsOf(parent.testClass())) {
      UniqueId id = AsyncTestDescriptor.idUnder(parent, method);
      if (!present.contains(id)) {
        parent.addChild(create(parent, method, id));
      }
    }
  }

  /** The test of {@code method} under {@code parent}: the one there already, or a new one. */
  AsyncTestDescriptor test(ClassDescriptor parent, Method method) {
    UniqueId id = AsyncTestDescriptor.idUnder(parent, method);
    for (TestDescriptor child : parent.getChildren()) {
      if (child.getUniqueId().equals(id)) {
        return (AsyncTestDescriptor) child;
      }
    }
    return create(parent, method, id);
  }

  private AsyncTestDescriptor create(ClassDescriptor parent, Method method, UniqueId id) {
    Class<?> type = parent.testClass();
    Scope testLoop = TestRunner.testLoopScope(type, method, root.config().defaultTestLoopScope());
    List<String> fixtureProblems = root.fixtures().model(type).refusal(method, testLoop)
        .map(List::of).orElse(List.of());
    return AsyncTestDescriptor.create(parent, method, id, fixtureProblems);
  }
}
