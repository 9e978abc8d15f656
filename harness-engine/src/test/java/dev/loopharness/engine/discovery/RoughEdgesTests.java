package dev.loopharness.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.TestContext;
import dev.loopharness.engine.EngineRuns;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

/**
 * What a new user meets first in discovery and on the command line: inner test classes, method
 * selection by name alone, a misspelt loop provider.
 */
class RoughEdgesTests {

  @Test
  void anInnerClassWithAsyncTestsIsAWarningNotSilence() {
    for (Class<?> selected : List.of(OuterTestCase.class, OuterTestCase.Inner.class)) {
      EngineDiscoveryResults results = EngineRuns.engine().selectors(selectClass(selected)).discover();
      List<DiscoveryIssue> issues = results.getDiscoveryIssues();
      assertThat(issues).as("selecting " + selected.getSimpleName()).hasSize(1);
      DiscoveryIssue issue = issues.get(0);
      assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
      assertThat(issue.message()).isEqualTo("[Harness/InnerTestClass] RoughEdgesTests.OuterTestCase.Inner"
          + " has 1 @AsyncTest method(s) but is an inner class (not static): it needs an instance of"
          + " OuterTestCase to exist, so Loop Harness cannot create it and does not run its tests.\n"
          + "   Fix: declare it static (static class Inner), or move it to its own file.");
      assertThat(issue.source()).contains(ClassSource.from(OuterTestCase.Inner.class));
    }
    EngineDiscoveryResults nested = EngineRuns.engine().selectors(selectClass(NamedTestCase.class)).discover();
    assertThat(nested.getDiscoveryIssues()).isEmpty();
  }

  @Test
  void aMethodNameWithoutParameterTypesSelectsTheOneAsyncTestOfThatName() {
    TestDescriptor root = EngineRuns.engine()
        .selectors(selectMethod(NamedTestCase.class.getName(), "pings")).discover().getEngineDescriptor();
    assertThat(names(root)).containsExactly("pings(Loop)");

    EngineRuns.engine().selectors(selectMethod(NamedTestCase.class.getName(), "pings")).execute()
        .testEvents().assertThatEvents().haveExactly(1, event(test("pings"), finishedSuccessfully()));

    TestDescriptor noArgs = EngineRuns.engine()
        .selectors(selectMethod(NamedTestCase.class.getName(), "plain")).discover().getEngineDescriptor();
    assertThat(names(noArgs)).containsExactly("plain()");
  }

  @Test
  void twoAsyncTestsOfOneNameStillNeedTheirParameterTypes() {
    EngineDiscoveryResults results = EngineRuns.engine()
        .selectors(selectMethod(NamedTestCase.class.getName(), "twice")).discover();
    assertThat(names(results.getEngineDescriptor())).isEmpty();
    TestDescriptor one = EngineRuns.engine()
        .selectors(selectMethod(NamedTestCase.class.getName(), "twice", Loop.class.getName()))
        .discover().getEngineDescriptor();
    assertThat(names(one)).containsExactly("twice(Loop)");
  }

  @Test
  void aMisspeltLoopProviderIsAConfigurationProblemWithASuggestion() {
    EngineDiscoveryResults discovered = EngineRuns.engine()
        .configurationParameter("harness.loop.provider", "nety")
        .selectors(selectClass(NamedTestCase.class)).discover();
    assertThat(discovered.getDiscoveryIssues()).singleElement()
        .satisfies(issue -> assertThat(issue.message()).contains("Did you mean 'netty'?"));
    EngineRuns.engine().configurationParameter("harness.loop.provider", "nety")
        .selectors(selectClass(NamedTestCase.class)).execute()
        .testEvents().assertThatEvents().haveExactly(4, event(test(), finishedWithFailure(message(
            "Loop Harness found 1 problem in its configuration:\n\n1) JUnit configuration parameter"
                + " harness.loop.provider: harness.loop.provider = nety, but no loop provider with that"
                // The engine's tests also register the kit-only provider "minimal" (engine.kit.minimal).
                + " id is on the test classpath (found: minimal, default). Did you mean 'netty'? Fix:"
                + " harness.loop.provider ="
                + " netty, with dev.loopharness:harness-netty on the test classpath."))));
  }

  private static List<String> names(TestDescriptor root) {
    return root.getDescendants().stream().filter(TestDescriptor::isTest)
        .map(TestDescriptor::getDisplayName).collect(Collectors.toList());
  }

  static class OuterTestCase {
    class Inner {
      @AsyncTest
      void neverRuns() {}
    }
  }

  static class NamedTestCase {
    @AsyncTest
    CompletionStage<Void> pings(Loop loop) {
      return loop.submit(() -> "pong").thenAccept(r -> assertThat(r).isEqualTo("pong"));
    }

    @AsyncTest
    void plain() {}

    @AsyncTest
    void twice(Loop loop) {}

    @AsyncTest
    void twice(Loop loop, TestContext context) {}
  }
}
