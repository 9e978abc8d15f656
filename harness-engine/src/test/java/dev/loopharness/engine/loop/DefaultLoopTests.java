package dev.loopharness.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopharness.api.Loop;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopProvider;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.Owner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DefaultLoopTests {
  private final LoopGroup group = new DefaultLoopProvider().open(new LoopSettings(Duration.ofSeconds(5), true));
  private final Owner owner = Owner.create("DefaultLoopTests > test");
  private final HarnessLoop loop = group.newLoop("function:DefaultLoopTests#1", Scope.FUNCTION, owner);

  @AfterEach
  void closeGroup() {
    group.close();
  }

  @Test
  void runsCallbacksInSubmissionOrder() throws Exception {
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      int n = i;
      loop.execute(() -> seen.add(n));
    }
    loop.submit(() -> null).get(10, TimeUnit.SECONDS);
    assertThat(seen).hasSize(10_000).isSorted();
  }

  // A producer publishes a callback and then looks whether the loop parked; the loop says it parks
  // and then looks for a callback. Unless both steps are ordered, each can miss the other and the
  // loop sleeps with work queued (it did: one test waited out its 30 s timeout). Every round trip
  // here races the loop's going idle.
  @Test
  void aCallbackSentWhileTheLoopGoesIdleIsNeverMissed() throws Exception {
    for (int i = 0; i < 20_000; i++) {
      int n = i;
      assertThat(loop.submit(() -> n).get(10, TimeUnit.SECONDS)).isEqualTo(n);
    }
  }

  // The same on a runner running function loops inline: another thread completes the test's stage
  // just as the runner goes idle; the runner must wake at once, not at the deadline.
  @Test
  void aStageCompletedElsewhereWhileTheInlineRunnerGoesIdleWakesIt() throws Exception {
    java.util.concurrent.ExecutorService elsewhere = java.util.concurrent.Executors.newSingleThreadExecutor();
    CompletableFuture<Long> slowest = new CompletableFuture<>();
    try {
      group.runJob(() -> {
        try {
          long max = 0;
          for (int i = 0; i < 5_000; i++) {
            HarnessLoop inline = group.newLoop("function:DefaultLoopTests#inline" + i, Scope.FUNCTION, owner);
            assertThat(inline.bindInline()).isTrue();
            CompletableFuture<Void> stage = new CompletableFuture<>();
            inline.execute(() -> elsewhere.execute(() -> stage.complete(null)));
            long start = System.nanoTime();
            assertThat(inline.runInline(stage, start + TimeUnit.SECONDS.toNanos(20))).isTrue();
            max = Math.max(max, System.nanoTime() - start);
            inline.unbindInline();
            inline.close("the test");
          }
          slowest.complete(max);
        } catch (Throwable e) {
          slowest.completeExceptionally(e);
        }
      }, "inline runner");
      assertThat(Duration.ofNanos(slowest.get(60, TimeUnit.SECONDS)))
          .as("the slowest wake-up (a missed one waits for the deadline, 20 s)").isLessThan(Duration.ofSeconds(5));
    } finally {
      elsewhere.shutdownNow();
    }
  }

  @Test
  void keepsSubmissionOrderPerProducerAcrossThreads() throws Exception {
    int producers = 4;
    int each = 5_000;
    List<int[]> seen = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int producer = p;
      Thread t = new Thread(() -> {
        awaitQuietly(go);
        for (int i = 0; i < each; i++) {
          int n = i;
          loop.execute(() -> seen.add(new int[] {producer, n}));
        }
      });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    loop.submit(() -> null).get(10, TimeUnit.SECONDS);
    assertThat(seen).hasSize(producers * each);
    int[] last = new int[producers];
    java.util.Arrays.fill(last, -1);
    for (int[] s : seen) {
      assertThat(s[1]).isEqualTo(last[s[0]] + 1);
      last[s[0]] = s[1];
    }
  }

  @Test
  void runsEverythingOnOneThreadAndInLoopIsTrueOnlyThere() throws Exception {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Boolean> inLoop = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      loop.execute(() -> {
        threads.add(Thread.currentThread());
        inLoop.add(loop.inLoop());
      });
      loop.schedule(Duration.ofMillis(i % 5), () -> threads.add(Thread.currentThread()));
      loop.spawn(() -> {
        threads.add(Thread.currentThread());
        return CompletableFuture.completedFuture(null);
      });
    }
    Thread served = loop.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
    Thread.sleep(50);
    loop.submit(() -> null).get(10, TimeUnit.SECONDS);
    assertThat(threads).containsExactly(served);
    assertThat(inLoop).hasSize(100).containsOnly(true);
    assertThat(loop.inLoop()).isFalse();
    assertThat(loop.thread()).isSameAs(served);
    assertThat(served.getName()).isEqualTo("loop-harness function:DefaultLoopTests#1");
    assertThat(served.isDaemon()).isTrue();
  }

  @Test
  void submitCompletesWithTheResultOrTheException() throws Exception {
    assertThat(loop.submit(() -> 42).get(5, TimeUnit.SECONDS)).isEqualTo(42);
    CompletableFuture<Object> failed = loop.submit(() -> {
      throw new IllegalStateException("boom");
    });
    assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void keepsServingAfterACallbackThrows() throws Exception {
    loop.execute(() -> {
      throw new IllegalStateException("expected by keepsServingAfterACallbackThrows");
    });
    assertThat(loop.submit(() -> "alive").get(5, TimeUnit.SECONDS)).isEqualTo("alive");
  }

  @Test
  void describesItselfByName() {
    assertThat(loop).hasToString("function:DefaultLoopTests#1");
    assertThat(loop.name()).isEqualTo("function:DefaultLoopTests#1");
    assertThat(loop.scope()).isEqualTo(Scope.FUNCTION);
    assertThat(loop.owner()).isSameAs(owner);
    assertThat(loop.thread()).isNull();
  }

  @Test
  void unwrapsToTheLoopAndItsExecutorViews() {
    assertThat(loop.unwrap(Loop.class)).isSameAs(loop);
    assertThat(loop.unwrap(HarnessLoop.class)).isSameAs(loop);
    assertThat(loop.unwrap(Executor.class)).isSameAs(loop);
    assertThat(loop.unwrap(ScheduledExecutorService.class)).isSameAs(loop.asExecutorService());
    assertThatThrownBy(() -> loop.unwrap(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("ScheduledExecutorService")
        .hasMessageContaining("harness.loop.provider");
  }

  @Test
  void describesPendingWork() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    loop.spawn("tooSlow", () -> new CompletableFuture<Void>());
    loop.schedule(Duration.ofSeconds(5), () -> {});
    loop.submit(() -> null).get(5, TimeUnit.SECONDS);
    CountDownLatch entered = new CountDownLatch(1);
    loop.execute(() -> {
      entered.countDown();
      awaitQuietly(release);
    });
    loop.execute(() -> {});
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    try {
      String pending = loop.describePending();
      assertThat(pending)
          .startsWith("1 pending task ('tooSlow' spawned at DefaultLoopTests.describesPendingWork(DefaultLoopTests.java:")
          .contains("1 armed timer (for 5s at DefaultLoopTests.describesPendingWork(DefaultLoopTests.java:")
          .contains("0 open resources");
      assertThat(pending).endsWith(", 1 queued callback; the loop thread is running a callback");
    } finally {
      release.countDown();
    }
  }

  @Test
  void serviceLoaderFindsTheDefaultProvider() {
    List<String> ids = new ArrayList<>();
    java.util.ServiceLoader.load(LoopProvider.class).forEach(p -> ids.add(p.id()));
    assertThat(ids).contains("default");
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
