package dev.loopharness.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.api.TestContext;
import dev.loopharness.engine.EngineRuns;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** How async tests run: on their loop, awaited, failures unwrapped, loops per scope. */
class AsyncTestExecutionTests {
  static final Map<String, Loop> LOOPS = new ConcurrentHashMap<>();
  static final Map<String, Boolean> IN_LOOP = new ConcurrentHashMap<>();

  @BeforeEach
  void clear() {
    LOOPS.clear();
    IN_LOOP.clear();
  }

  static class OutcomesTestCase {
    @AsyncTest
    void plainVoid(Loop loop) {
      IN_LOOP.put("plainVoid", loop.inLoop());
    }

    @AsyncTest
    CompletionStage<String> completesLater(Loop loop) {
      return loop.submit(() -> "done");
    }

    @AsyncTest
    CompletionStage<Void> failsWrapped() {
      return CompletableFuture.failedFuture(new CompletionException(new IllegalStateException("boom")));
    }

    @AsyncTest
    void throwsDirectly() {
      throw new IllegalArgumentException("thrown on the loop");
    }

    @AsyncTest
    CompletionStage<Void> assertionInStage(Loop loop) {
      return loop.submit(() -> 41).thenAccept(n -> assertThat(n).isEqualTo(42));
    }

    @AsyncTest
    void publishes(TestContext context) {
      context.publish("greeting", context.displayName() + " " + context.tags());
    }
  }

  @Test
  void outcomesAreReportedWithTheRealCause() {
    EngineExecutionResults results = EngineRuns.run(OutcomesTestCase.class);
    results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(3).failed(3));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("failsWrapped"), finishedWithFailure(
            instanceOf(IllegalStateException.class), message("boom"))))
        .haveExactly(1, event(test("throwsDirectly"), finishedWithFailure(
            instanceOf(IllegalArgumentException.class), message("thrown on the loop"))))
        .haveExactly(1, event(test("assertionInStage"), finishedWithFailure(instanceOf(AssertionError.class))))
        .haveExactly(1, event(test("completesLater"), finishedSuccessfully()));
    assertThat(IN_LOOP).containsEntry("plainVoid", true);
    List<ReportEntry> entries = results.allEvents().reportingEntryPublished()
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow()).collect(java.util.stream.Collectors.toList());
    assertThat(entries).anySatisfy(entry ->
        assertThat(entry.getKeyValuePairs()).containsEntry("greeting", "publishes(TestContext) []"));
  }

  @LoopScope(Scope.CLASS)
  static class ClassLoopTestCase {
    @AsyncTest
    void one(Loop loop) {
      LOOPS.put("one", loop);
    }

    @AsyncTest
    void two(Loop loop) {
      LOOPS.put("two", loop);
    }

    @AsyncTest
    @LoopScope(Scope.FUNCTION)
    void own(Loop loop) {
      LOOPS.put("own", loop);
    }
  }

  @Test
  void classLoopIsSharedByItsTestsAndMethodAnnotationWins() {
    EngineRuns.run(ClassLoopTestCase.class).testEvents().assertStatistics(s -> s.succeeded(3));
    assertThat(LOOPS.get("one")).isSameAs(LOOPS.get("two"));
    assertThat(LOOPS.get("one").scope()).isEqualTo(Scope.CLASS);
    assertThat(LOOPS.get("one").name()).startsWith("class:ClassLoopTestCase#");
    assertThat(LOOPS.get("own").scope()).isEqualTo(Scope.FUNCTION);
    assertThat(LOOPS.values()).allSatisfy(loop -> assertThat(loop.isClosed()).isTrue());
  }

  static class DefaultScopeTestCase {
    @AsyncTest
    void a(Loop loop) {
      LOOPS.put("a", loop);
    }

    @AsyncTest
    void b(Loop loop) {
      LOOPS.put("b", loop);
    }
  }

  @Test
  void functionLoopsByDefaultAndConfiguredDefaultTakesEffect() {
    EngineRuns.run(DefaultScopeTestCase.class).testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(LOOPS.get("a")).isNotSameAs(LOOPS.get("b"));
    assertThat(LOOPS.get("a").name()).startsWith("function:DefaultScopeTestCase.a#");

    LOOPS.clear();
    EngineRuns.engine().configurationParameter("harness.default-test-loop-scope", "session")
        .selectors(selectClass(DefaultScopeTestCase.class)).execute()
        .testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(LOOPS.get("a")).isSameAs(LOOPS.get("b"));
    assertThat(LOOPS.get("a").scope()).isEqualTo(Scope.SESSION);
  }

  static class SlowTestCase {
    @AsyncTest(timeout = "50ms")
    CompletionStage<Void> slow(Loop loop) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.schedule(java.time.Duration.ofMillis(150), () -> done.complete(null));
      return done;
    }
  }

  @Test
  void timeFactorStretchesTimeouts() {
    EngineRuns.run(SlowTestCase.class).testEvents().assertStatistics(s -> s.failed(1));
    EngineRuns.engine().configurationParameter("harness.time-factor", "10")
        .selectors(selectClass(SlowTestCase.class)).execute()
        .testEvents().assertStatistics(s -> s.succeeded(1));
  }
}
