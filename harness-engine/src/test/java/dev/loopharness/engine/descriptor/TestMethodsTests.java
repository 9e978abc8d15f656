package dev.loopharness.engine.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.TestContext;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import dev.loopharness.engine.EngineRuns;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The test methods the engine finds in a class are the ones JUnit's own search finds, whether the
 * class has a hierarchy to walk (a superclass, interfaces with default methods) or not.
 */
class TestMethodsTests {
  static class Plain {
    @AsyncTest
    CompletionStage<Void> second() {
      Supplier<CompletionStage<Void>> lambda = () -> CompletableFuture.completedFuture(null);
      return lambda.get();
    }

    @AsyncTest
    void first(Loop loop) {}

    @AsyncTest
    void first() {}

    @AsyncTest
    private void privateOne() {}

    @AsyncTest
    static void staticOne() {}

    void notATest() {
      Runnable lambda = () -> {};
      lambda.run();
    }
  }

  static class Sources {
    @AsyncTest
    void none() {}

    @AsyncTest
    void one(Loop loop) {}

    @AsyncTest
    void two(Loop loop, TestContext context) {}
  }

  static class Base {
    @AsyncTest
    void inherited() {}

    @AsyncTest
    void overridden() {}
  }

  static class Derived extends Base {
    @Override
    @AsyncTest
    void overridden() {}

    @AsyncTest
    void own() {}
  }

  interface WithDefault {
    @AsyncTest
    default void fromInterface() {}
  }

  static class Implementing implements WithDefault {
    @AsyncTest
    void own() {}
  }

  @Test
  void findsWhatJUnitsSearchFindsInAnyClass() {
    for (Class<?> type : List.of(Plain.class, Base.class, Derived.class, Implementing.class)) {
      assertThat(TestMethods.testMethodsOf(type)).as(type.getSimpleName())
          .containsExactlyElementsOf(junitSearch(type));
    }
    assertThat(TestMethods.testMethodsOf(Plain.class)).extracting(Method::getName)
        .containsExactly("first", "first", "privateOne", "second", "staticOne");
    assertThat(TestMethods.testMethodsOf(Implementing.class)).extracting(Method::getName)
        .containsExactly("fromInterface", "own");
  }

  @Test
  void aTestsSourceIsTheOneJUnitBuildsForItsMethod() {
    TestDescriptor root = EngineRuns.engine().selectors(selectClass(Sources.class)).discover().getEngineDescriptor();
    List<? extends TestDescriptor> tests = root.getDescendants().stream().filter(TestDescriptor::isTest).toList();
    assertThat(tests).hasSize(3);
    for (TestDescriptor test : tests) {
      MethodSource source = (MethodSource) test.getSource().orElseThrow();
      Method method = source.getJavaMethod();
      assertThat(method.getDeclaringClass()).isEqualTo(Sources.class);
      assertThat(source).isEqualTo(MethodSource.from(Sources.class, method));
      assertThat(source.getMethodParameterTypes())
          .isEqualTo(MethodSource.from(Sources.class, method).getMethodParameterTypes());
    }
  }

  private static List<Method> junitSearch(Class<?> type) {
    return ReflectionSupport.findMethods(type, TestMethods::isAnnotated, HierarchyTraversalMode.TOP_DOWN)
        .stream()
        .sorted(Comparator.comparing(Method::getName).thenComparing(TestMethods::parameterList))
        .toList();
  }
}
