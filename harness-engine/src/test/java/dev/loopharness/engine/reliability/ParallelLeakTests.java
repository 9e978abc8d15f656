package dev.loopharness.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.api.TestContext;
import dev.loopharness.engine.EngineRuns;
import dev.loopharness.engine.reliability.FaultRuns.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Classes running in parallel ({@code harness.parallel.enabled}) while every test leaks a task, a
 * timer, a resource and a thread at the same time as tests of other classes: every leak is
 * reported on the test that created it, with its name, and on no other node.
 */
class ParallelLeakTests {
  static final AtomicInteger RUNNING = new AtomicInteger();
  static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
  static final Queue<Thread> THREADS = new ConcurrentLinkedQueue<>();
  static volatile CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stopThreads() throws InterruptedException {
    release.countDown();
    for (Thread t; (t = THREADS.poll()) != null; ) {
      t.join(5_000);
    }
    release = new CountDownLatch(1);
  }

  record Ticker() {}

  static final class TickerFixtures extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Ticker.class).scope(Scope.CLASS).loopScope(Scope.CLASS).setup(ctx -> {
        ctx.loop().schedule(Duration.ofHours(1), () -> {});
        return new Ticker();
      });
    }
  }

  /** Four tests, each leaving one of everything, named after itself; subclasses are the classes. */
  @Fixtures(TickerFixtures.class)
  abstract static class LeakyTestCase {
    CompletionStage<Void> leak(Loop loop, TestContext context) {
      String me = getClass().getSimpleName() + "." + context.displayName();
      int now = RUNNING.incrementAndGet();
      MOST_AT_ONCE.accumulateAndGet(now, Math::max);
      loop.spawn("task of " + me, () -> new CompletableFuture<Void>());
      loop.schedule(Duration.ofHours(1), () -> {});
      loop.track("resource of " + me, () -> {});
      CountDownLatch latch = release;
      Thread thread = new Thread(() -> awaitQuietly(latch), "thread of " + me);
      thread.setDaemon(true);
      THREADS.add(thread);
      thread.start();
      // stay a little while, so that tests of other classes run meanwhile
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.schedule(Duration.ofMillis(30), () -> {
        RUNNING.decrementAndGet();
        done.complete(null);
      });
      return done;
    }

    @AsyncTest
    CompletionStage<Void> one(Loop loop, TestContext context, Ticker ticker) {
      return leak(loop, context);
    }

    @AsyncTest
    CompletionStage<Void> two(Loop loop, TestContext context) {
      return leak(loop, context);
    }

    @AsyncTest
    @LoopScope(Scope.CLASS)
    CompletionStage<Void> three(Loop loop, TestContext context) {
      return leak(loop, context);
    }

    @AsyncTest
    @LoopScope(Scope.SESSION)
    CompletionStage<Void> four(Loop loop, TestContext context) {
      return leak(loop, context);
    }
  }

  static class P1TestCase extends LeakyTestCase {}

  static class P2TestCase extends LeakyTestCase {}

  static class P3TestCase extends LeakyTestCase {}

  static class P4TestCase extends LeakyTestCase {}

  static class P5TestCase extends LeakyTestCase {}

  static class P6TestCase extends LeakyTestCase {}

  static final List<Class<?>> CLASSES = List.of(P1TestCase.class, P2TestCase.class, P3TestCase.class,
      P4TestCase.class, P5TestCase.class, P6TestCase.class);

  @Test
  void everyLeakOfTestsRunningAtTheSameTimeIsReportedOnTheTestThatMadeIt() {
    MOST_AT_ONCE.set(0);
    Outcome run = FaultRuns.run(EngineRuns.engine().configurationParameters(FaultRuns.fastAnd(
            "harness.parallel.enabled", "true", "harness.parallel.classes", "4",
            "harness.leaks.thread", "warn"))
        .selectors(CLASSES.stream().map(c -> selectClass(c)).toArray(DiscoverySelector[]::new)));

    assertThat(MOST_AT_ONCE.get()).as("tests of different classes ran at the same time").isGreaterThan(1);
    List<Map<String, String>> leaks = run.leakEntries();
    List<String> tests = List.of("one", "two", "three", "four");
    for (Class<?> testCase : CLASSES) {
      String name = testCase.getSimpleName();
      for (String test : tests) {
        String node = run.results().testEvents().finished().stream()
            .map(e -> e.getTestDescriptor())
            .filter(d -> d.getUniqueId().toString().contains(name) && d.getDisplayName().startsWith(test + "("))
            .findFirst().orElseThrow().getDisplayName();
        String me = name + "." + node;
        List<Map<String, String>> mine = leaks.stream().filter(e -> e.get("description").contains(" of " + me))
            .collect(Collectors.toList());
        assertThat(mine).as(me).extracting(e -> e.get("loop-harness.leak"))
            .containsExactlyInAnyOrder("TASK", "RESOURCE", "THREAD");
        assertThat(mine).as(me).allSatisfy(e -> assertThat(e)
            .containsEntry("node", node).containsEntry("owner", name + " > " + node));
        List<String> entriesOnTheTest = leaks.stream()
            .filter(e -> e.get("owner").equals(name + " > " + node))
            .map(e -> e.get("loop-harness.leak")).toList();
        assertThat(entriesOnTheTest).as(me).containsExactlyInAnyOrder("TASK", "TIMER", "RESOURCE", "THREAD");
        assertThat(run.results().testEvents().failed().stream()
            .filter(e -> e.getTestDescriptor().getUniqueId().toString().contains(name))
            .filter(e -> e.getTestDescriptor().getDisplayName().equals(node))
            .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()))
            .singleElement().isInstanceOfSatisfying(LeakDetectedError.class, error ->
                assertThat(error.leaks()).allSatisfy(leak -> assertThat(leak.owner()).isEqualTo(name + " > " + node)));
      }
      // the class fixture's timer, on the class container
      assertThat(leaks).filteredOn(e -> e.get("node").equals(name))
          .singleElement().satisfies(e -> assertThat(e).containsEntry("owner", "fixture Ticker (class)")
              .containsEntry("loop-harness.leak", "TIMER"));
    }
    assertThat(leaks).hasSize(CLASSES.size() * (tests.size() * 4 + 1));
    assertThat(Stream.of("Loop Harness", ParallelLeakTests.class.getPackageName()).flatMap(n -> run.entries(n).stream()))
        .as("nothing is left over for the package or the engine").isEmpty();
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
