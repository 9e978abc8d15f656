package dev.loopharness.engine.leak;

import static dev.loopharness.engine.leak.LeakRuns.awaitQuietly;
import static dev.loopharness.engine.leak.LeakRuns.quietAnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.leak.LeakRuns.LeakEntry;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Threads a test leaves running: found after the drain, waited for with backoff, attributed to the
 * test or fixture whose code started them (exactly, even when classes run in parallel), described
 * by what they are doing and how to stop them; harness, JVM and earlier threads never reported.
 */
class ThreadLeakTests {
  static final Queue<Thread> STARTED = new ConcurrentLinkedQueue<>();
  static final Queue<ExecutorService> EXECUTORS = new ConcurrentLinkedQueue<>();
  static volatile CountDownLatch release = new CountDownLatch(1);
  static volatile CountDownLatch bothRunning = new CountDownLatch(2);
  private static final Map<String, String> THREADS_WARN =
      quietAnd("harness.leaks.thread", "warn", "harness.timeout.drain", "200ms");

  @BeforeEach
  void reset() {
    release = new CountDownLatch(1);
    bothRunning = new CountDownLatch(2);
  }

  @AfterEach
  void stopEverything() throws InterruptedException {
    release.countDown();
    for (ExecutorService executor; (executor = EXECUTORS.poll()) != null; ) {
      executor.shutdownNow();
    }
    for (Thread thread; (thread = STARTED.poll()) != null; ) {
      thread.join(5_000);
    }
  }

  static Thread start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    STARTED.add(thread);
    thread.start();
    return thread;
  }

  static class IdleExecutorTestCase {
    @AsyncTest
    CompletionStage<String> leavesItsExecutor() {
      ExecutorService lookups = Executors.newSingleThreadExecutor(task -> new Thread(task, "lookup"));
      EXECUTORS.add(lookups);
      return CompletableFuture.supplyAsync(() -> "looked up", lookups);
    }
  }

  @Test
  void saysWhatALeakedThreadIsDoingAndHowToStopIt() {
    LeakRuns run = LeakRuns.run(THREADS_WARN, IdleExecutorTestCase.class);

    assertThat(run.leakEntries()).singleElement().satisfies(entry -> {
      assertThat(entry.owner()).isEqualTo("IdleExecutorTestCase > leavesItsExecutor()");
      assertThat(entry.creationSite()).matches(
          "ThreadLeakTests\\$IdleExecutorTestCase\\.lambda\\$leavesItsExecutor\\$0\\(ThreadLeakTests\\.java:\\d+\\)");
      assertThat(entry.description())
          .startsWith("'lookup' (daemon) started at " + entry.creationSite() + ", still alive after waiting ")
          .contains("WAITING at:\n  at ", "java.util.concurrent.ThreadPoolExecutor.getTask(")
          .endsWith("\nIt is an idle worker of an ExecutorService: shut the executor down (shutdownNow(),"
              + " then awaitTermination()) before the test ends.");
    });
    assertThat(run.result("leavesItsExecutor()").getStatus().name()).isEqualTo("SUCCESSFUL");
  }

  static class EndsSoonTestCase {
    @AsyncTest
    void startsAShortJob() {
      start("short-job", () -> awaitQuietly(new CountDownLatch(1), 100));
    }
  }

  @Test
  void aThreadThatEndsWithinTheDrainTimeoutIsWaitedForAndNotReported() {
    long started = System.nanoTime();
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.thread", "fail"), EndsSoonTestCase.class);
    assertThat(run.leakEntries()).isEmpty();
    assertThat(run.result("startsAShortJob()").getStatus().name()).isEqualTo("SUCCESSFUL");
    assertThat(STARTED.peek().isAlive()).isFalse();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(100);
  }

  static class NamedTestCase {
    @AsyncTest
    void startsTwo() {
      start("stuck-1", () -> awaitQuietly(release, 10_000));
      start("reported-1", () -> awaitQuietly(release, 10_000));
    }
  }

  @Test
  void ignoreThreadsRegexesMatchWholeNames() {
    Map<String, String> settings = quietAnd("harness.leaks.thread", "warn", "harness.timeout.drain", "100ms",
        "harness.leaks.ignore-threads", "[\"stuck-.*\", \"reported\"]");
    LeakRuns run = LeakRuns.run(settings, NamedTestCase.class);
    assertThat(run.leakEntries()).extracting(LeakEntry::description)
        .singleElement().asString().startsWith("'reported-1' ");
  }

  @LoopScope(Scope.CLASS)
  static class ManyLoopsTestCase {
    @AsyncTest
    CompletionStage<Void> usesLoopsAndThePool(Loop classLoop) {
      return classLoop.submit(() -> 1)
          .thenCompose(n -> CompletableFuture.supplyAsync(() -> n + 1))
          .thenAccept(n -> {});
    }

    @AsyncTest
    @LoopScope(Scope.FUNCTION)
    void onItsOwnLoop(Loop loop) {
      loop.execute(() -> {});
    }
  }

  @Test
  void harnessThreadsJvmThreadsAndThreadsFromBeforeTheRunAreNeverReported() {
    Thread earlier = start("earlier", () -> awaitQuietly(release, 10_000));
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.thread", "fail", "harness.timeout.drain", "100ms"),
        ManyLoopsTestCase.class);
    assertThat(run.leakEntries()).isEmpty();
    run.results().testEvents().assertStatistics(stats -> stats.succeeded(2));
    assertThat(earlier.isAlive()).isTrue();
  }

  static class DescendantsTestCase {
    @AsyncTest
    CompletionStage<Void> startsAThreadThatStartsAnother(Loop loop) {
      CompletableFuture<Void> spawned = new CompletableFuture<>();
      start("parent", () -> {
        start("grandchild", () -> awaitQuietly(release, 10_000));
        // Work sent from a thread the test started is the test's, like the thread itself.
        loop.spawn("from-a-thread", () -> new CompletableFuture<Void>());
        spawned.complete(null);
      });
      return spawned;
    }

    @AsyncTest
    CompletionStage<Void> startsOneFromThePool() {
      return onCommonPool(() -> start("from-the-pool", () -> awaitQuietly(release, 10_000)));
    }
  }

  @Test
  void threadsStartedByTheTestsThreadsAndWorkTheySendAreTheTests() {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.thread", "warn", "harness.leaks.task", "warn",
        "harness.timeout.drain", "100ms"), DescendantsTestCase.class);
    String owner = "DescendantsTestCase > startsAThreadThatStartsAnother(Loop)";
    assertThat(run.leakEntries("startsAThreadThatStartsAnother(Loop)"))
        .extracting(LeakEntry::kind, LeakEntry::owner, e -> e.description().substring(0, 14))
        .containsExactly(tuple(LeakKind.TASK, owner, "'from-a-thread"), tuple(LeakKind.THREAD, owner, "'grandchild' ("));
    // Not started from test code on a loop (a common-pool task did it), but it appeared while the
    // test ran alone: still the test's, without a creation site.
    assertThat(run.leakEntries("startsOneFromThePool()")).singleElement().satisfies(entry -> {
      assertThat(entry.owner()).isEqualTo("DescendantsTestCase > startsOneFromThePool()");
      assertThat(entry.creationSite()).isEmpty();
      assertThat(entry.description()).startsWith("'from-the-pool' (daemon) appeared while the test ran (it"
          + " carries no owner's mark, e.g. it was started from a common-pool task, so where is unknown)");
    });
  }

  record Pinger(Thread thread) {}

  static final class PingerFixtures extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Pinger.class).scope(Scope.CLASS).loopScope(Scope.CLASS)
          .setup(ctx -> new Pinger(start("pinger", () -> awaitQuietly(release, 10_000))));
    }
  }

  @Fixtures(PingerFixtures.class)
  static class FixtureThreadTestCase {
    @AsyncTest
    void usesThePinger(Pinger pinger) {}

    @AsyncTest
    void startsOneWithoutSites() {
      start("siteless", () -> awaitQuietly(release, 10_000));
    }
  }

  @Test
  void aClassFixturesThreadIsReportedOnTheClassUnderTheFixturesName() {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.thread", "warn", "harness.timeout.drain", "100ms",
        "harness.leaks.creation-sites", "false"), FixtureThreadTestCase.class);
    assertThat(run.leakEntries()).extracting(LeakEntry::node, LeakEntry::owner, LeakEntry::creationSite,
            e -> e.description().substring(0, e.description().indexOf(',')))
        .containsExactly(
            tuple("startsOneWithoutSites()", "FixtureThreadTestCase > startsOneWithoutSites()", "",
                "'siteless' (daemon) started by its owner's code"),
            tuple("FixtureThreadTestCase", "fixture Pinger (class)", "",
                "'pinger' (daemon) started by its owner's code"));
  }

  static class ParallelATestCase {
    @AsyncTest
    CompletionStage<Void> startsA() {
      return startAndWaitForTheOther("thread-of-A", false);
    }
  }

  static class ParallelBTestCase {
    @AsyncTest
    CompletionStage<Void> startsB() {
      return startAndWaitForTheOther("thread-of-B", true);
    }
  }

  // Both tests are running when either starts its thread, so only a thread's mark can tell whose it is.
  static CompletionStage<Void> startAndWaitForTheOther(String name, boolean alsoFromThePool) {
    start(name, () -> awaitQuietly(release, 10_000));
    bothRunning.countDown();
    return onCommonPool(() -> {
      awaitQuietly(bothRunning, 10_000);
      if (alsoFromThePool) {
        start("unowned", () -> awaitQuietly(release, 10_000));
      }
    });
  }

  // Straight onto the common pool: CompletableFuture's *Async methods use a new thread per task
  // instead when the pool has a parallelism of 1 (on two cores), and that thread is the caller's.
  static CompletableFuture<Void> onCommonPool(Runnable action) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ForkJoinPool.commonPool().execute(() -> {
      action.run();
      done.complete(null);
    });
    return done;
  }

  @Test
  void parallelClassesGetExactlyTheirOwnThreadsAndUnmarkedOnesGoToTheRun() {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.thread", "warn", "harness.timeout.drain", "100ms",
        "harness.parallel.enabled", "true", "harness.parallel.classes", "2"),
        ParallelATestCase.class, ParallelBTestCase.class);
    assertThat(bothRunning.getCount()).isZero();
    assertThat(run.leakEntries()).extracting(LeakEntry::node, LeakEntry::owner, e -> e.description().split(" ")[0])
        .containsExactlyInAnyOrder(
            tuple("startsA()", "ParallelATestCase > startsA()", "'thread-of-A'"),
            tuple("startsB()", "ParallelBTestCase > startsB()", "'thread-of-B'"),
            tuple("Loop Harness", ThreadLeaks.UNKNOWN_OWNER, "'unowned'"));
  }

  static class OutlivesItsOwnerTestCase {
    @AsyncTest
    void a_startsAThreadThatStartsAnotherLater() {
      start("first", () -> {
        awaitQuietly(new CountDownLatch(1), 300);
        start("later", () -> awaitQuietly(release, 10_000));
      });
    }

    @AsyncTest
    void b_keepsTheRunGoing() {
      awaitQuietly(new CountDownLatch(1), 500);
    }
  }

  @Test
  void aThreadStartedAfterItsOwnerEndedIsReportedAtTheEndOfTheRunUnderItsOwnersName() {
    LeakRuns run = LeakRuns.run(quietAnd("harness.leaks.thread", "warn", "harness.timeout.drain", "100ms"),
        OutlivesItsOwnerTestCase.class);
    String owner = "OutlivesItsOwnerTestCase > a_startsAThreadThatStartsAnotherLater()";
    List<LeakEntry> entries = run.leakEntries();
    assertThat(entries).extracting(LeakEntry::node, LeakEntry::owner, e -> e.description().split(" ")[0])
        .containsExactly(
            tuple("a_startsAThreadThatStartsAnotherLater()", owner, "'first'"),
            tuple("Loop Harness", owner, "'later'"));
    assertThat(entries.get(1).description()).contains(", still alive at the end of the run, after waiting ");
  }
}
