package dev.loopharness.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.EngineRuns;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-test path without thread hand-offs: a class's tests run on one harness thread, each
 * function loop runs inline on it (the test, its tasks and its loop are on that thread), while a
 * test on a wider loop still hands its work to that loop's thread.
 */
class InlineLoopTests {
  static final Map<String, Thread> BODY = new ConcurrentHashMap<>();
  static final Map<String, Thread> TASK = new ConcurrentHashMap<>();
  static final List<String> LOOP_NAMES = new CopyOnWriteArrayList<>();

  @BeforeEach
  void reset() {
    BODY.clear();
    TASK.clear();
    LOOP_NAMES.clear();
  }

  static class ThreeTestsTestCase {
    @AsyncTest
    CompletionStage<Void> a(Loop loop) {
      return record("a", loop);
    }

    @AsyncTest
    CompletionStage<Void> b(Loop loop) {
      return record("b", loop);
    }

    @AsyncTest
    CompletionStage<Void> c(Loop loop) {
      return record("c", loop);
    }

    @LoopScope(Scope.CLASS)
    @AsyncTest
    CompletionStage<Void> d_onTheClassLoop(Loop loop) {
      return record("d", loop);
    }

    static CompletionStage<Void> record(String test, Loop loop) {
      BODY.put(test, Thread.currentThread());
      LOOP_NAMES.add(Thread.currentThread().getName());
      return loop.spawn(() -> {
        TASK.put(test, Thread.currentThread());
        return CompletableFuture.completedFuture(null);
      }).thenApply(v -> null);
    }
  }

  @Test
  void aClassesFunctionLoopsRunInlineOnOneHarnessThreadWhileWiderLoopsKeepTheirOwn() {
    EngineRuns.run(ThreeTestsTestCase.class).testEvents().assertStatistics(s -> s.succeeded(4));

    Thread runner = BODY.get("a");
    assertThat(List.of(BODY.get("b"), BODY.get("c"), TASK.get("a"), TASK.get("b"), TASK.get("c")))
        .as("the tests, their tasks and their function loops share the class's runner thread")
        .allSatisfy(t -> assertThat(t).isSameAs(runner));
    assertThat(LOOP_NAMES.subList(0, 3)).as("named after the loop it runs while it runs it")
        .allSatisfy(name -> assertThat(name).startsWith("loop-harness function:ThreeTestsTestCase."));
    assertThat(BODY.get("d")).as("a test on the class loop runs on that loop's own thread")
        .isNotSameAs(runner).isSameAs(TASK.get("d"));
    assertThat(LOOP_NAMES.get(3)).startsWith("loop-harness class:ThreeTestsTestCase");
  }
}
