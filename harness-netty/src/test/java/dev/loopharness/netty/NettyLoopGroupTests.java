package dev.loopharness.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.LoopClosedException;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.loop.DefaultLoopProvider;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loops of one run: pooled threads, Netty's graceful close, refusals once closed. */
class NettyLoopGroupTests {
  private static final LoopSettings SETTINGS = new LoopSettings(Duration.ZERO, true, Duration.ofSeconds(2));
  private final NettyLoopGroup group = (NettyLoopGroup) new NettyLoopProvider().open(SETTINGS);

  @AfterEach
  void close() {
    group.close();
  }

  private HarnessLoop newLoop(String name) {
    return group.newLoop(name, Scope.FUNCTION, Owner.create(name));
  }

  @Test
  void sequentialLoopsReuseOneThreadAndEachHasItsOwnEventLoop() throws Exception {
    EventLoop previous = null;
    for (int i = 0; i < 50; i++) {
      HarnessLoop loop = newLoop("function:T#" + i);
      EventLoop netty = loop.unwrap(EventLoop.class);
      assertThat(netty).isNotSameAs(previous);
      assertThat(loop.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS))
          .isEqualTo("loop-harness function:T#" + i);
      loop.close("the test");
      assertThat(netty.isTerminated()).isTrue();
      previous = netty;
    }
    assertThat(group.threadsStarted()).isEqualTo(1);
  }

  // A runner runs each test's Netty loop itself, and closes it itself (Netty's shutdown runs there
  // too): a test costs no carrier and no thread hand-off.
  @Test
  void aRunnerRunsAndClosesItsFunctionLoopsInlineWithoutAnotherThread() throws Exception {
    java.util.concurrent.CompletableFuture<Void> ran = new java.util.concurrent.CompletableFuture<>();
    group.runJob(() -> {
      try {
        for (int i = 0; i < 50; i++) {
          HarnessLoop loop = newLoop("function:Inline#" + i);
          EventLoop netty = loop.unwrap(EventLoop.class);
          assertThat(loop.bindInline()).isTrue();
          java.util.concurrent.CompletableFuture<Thread> stage = new java.util.concurrent.CompletableFuture<>();
          loop.execute(() -> netty.execute(() -> stage.complete(Thread.currentThread())));
          assertThat(loop.runInline(stage, System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
          assertThat(stage.join()).isSameAs(Thread.currentThread());
          loop.unbindInline();
          assertThat(netty.isTerminated()).isFalse();
          loop.close("the test");
          assertThat(netty.isTerminated()).isTrue();
        }
        ran.complete(null);
      } catch (Throwable e) {
        ran.completeExceptionally(e);
      }
    }, "inline runner");
    ran.get(30, TimeUnit.SECONDS);
    assertThat(group.threadsStarted()).as("threads started: the runner's only").isEqualTo(1);
  }

  // A fresh loop per test must not cost a selector (an epoll instance and a wake-up descriptor):
  // until a channel registers, the idle loop parks, and wakes for work from any thread and for
  // its timers on time.
  @Test
  void aLoopOpensItsSelectorOnlyWhenAChannelRegistersAndIsPromptWithoutOne() throws Exception {
    HarnessLoop loop = newLoop("function:T#1");
    HarnessEventLoop netty = (HarnessEventLoop) loop.unwrap(EventLoop.class);
    for (int i = 0; i < 200; i++) {
      long started = System.nanoTime();
      assertThat(loop.submit(() -> 1).get(5, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("work from another thread, round %d", i)
          .isLessThan(Duration.ofMillis(500));
    }
    CountDownLatch fired = new CountDownLatch(1);
    long armed = System.nanoTime();
    Owner.orphans().runAs(() -> netty.schedule(fired::countDown, 50, TimeUnit.MILLISECONDS));
    assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - armed)).as("a timer on a parked loop")
        .isBetween(Duration.ofMillis(45), Duration.ofMillis(900));
    assertThat(netty.selectorOpen()).isFalse();

    // An interrupt of the idle loop's thread ends one wait, as it ends a select; it must not spin.
    Thread loopThread = loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
    loopThread.interrupt();
    var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuBefore = cpu.getThreadCpuTime(loopThread.getId());
    Thread.sleep(300);
    long spent = cpu.getThreadCpuTime(loopThread.getId()) - cpuBefore;
    assertThat(Duration.ofNanos(spent)).as("CPU of the idle loop over 300 ms after an interrupt")
        .isLessThan(Duration.ofMillis(100));
    assertThat(loop.submit(() -> 2).get(5, TimeUnit.SECONDS)).isEqualTo(2);

    Channel server = Owner.orphans().callAs(() -> Echo.server(netty).get(5, TimeUnit.SECONDS).channel());
    assertThat(netty.selectorOpen()).isTrue();
    assertThat(server.isOpen()).isTrue();
    loop.close("the test");
    assertThat(server.isOpen()).isFalse();
    assertThat(netty.isTerminated()).isTrue();
  }

  @Test
  void closeShutsNettyDownGracefullyClosingChannelsNobodyClosed() throws Exception {
    HarnessLoop loop = newLoop("class:T#1");
    EventLoop netty = loop.unwrap(EventLoop.class);
    Channel server = Owner.orphans().callAs(() -> Echo.server(netty).get(5, TimeUnit.SECONDS).channel());
    assertThat(server.isOpen()).isTrue();

    loop.close("the test");

    assertThat(server.isOpen()).isFalse();
    assertThat(netty.isTerminated()).isTrue();
    assertThat(loop.isClosed()).isTrue();
  }

  @Test
  void afterCloseEveryWayInIsRefusedAndRecordedOnTheSender() throws Exception {
    HarnessLoop loop = newLoop("function:T#1");
    EventLoop netty = loop.unwrap(EventLoop.class);
    loop.close("the harness, after test T > t() ended");
    Owner sender = Owner.create("U > u()");

    sender.runAs(() -> {
      assertThatThrownBy(() -> netty.execute(() -> {})).isInstanceOf(LoopClosedException.class)
          .hasMessageContaining("by the harness, after test T > t() ended");
      assertThatThrownBy(() -> netty.submit(() -> 1)).isInstanceOf(LoopClosedException.class);
      assertThatThrownBy(() -> loop.execute(() -> {})).isInstanceOf(LoopClosedException.class);
      assertThatThrownBy(() -> loop.schedule(Duration.ofSeconds(1), () -> {}))
          .isInstanceOf(LoopClosedException.class);
    });
    assertThat(new dev.loopharness.engine.leak.Drainer(Duration.ofSeconds(1)).drain(sender))
        .hasSize(4).allMatch(l -> l.kind() == LeakKind.CLOSED_LOOP && l.owner().equals("U > u()"));
  }

  @Test
  @SuppressWarnings("deprecation") // shutdown() is what user code may still call
  void shutdownGracefullyFromUserCodeDoesNotEndTheLoop() throws Exception {
    HarnessLoop loop = newLoop("class:T#1");
    EventLoop netty = loop.unwrap(EventLoop.class);
    assertThat(netty.shutdownGracefully().isSuccess()).isTrue();
    netty.shutdown();
    assertThat(netty.isShuttingDown()).isFalse();
    assertThat(netty.submit(() -> 7).get(5, TimeUnit.SECONDS)).isEqualTo(7);
    loop.close("the test");
    assertThat(netty.isTerminated()).isTrue();
  }

  @Test
  void closingTheGroupClosesOpenLoopsAndLeavesNoThreadAlive() throws Exception {
    HarnessLoop a = newLoop("session:S#1");
    HarnessLoop b = newLoop("class:C#1");
    a.submit(() -> 1).get(5, TimeUnit.SECONDS);
    b.submit(() -> 1).get(5, TimeUnit.SECONDS);
    CountDownLatch never = new CountDownLatch(1);
    a.execute(() -> { // a callback that would never return: the group interrupts it
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    group.close();

    assertThat(a.isClosed()).isTrue();
    assertThat(b.isClosed()).isTrue();
    assertThat(group.carrierThreads()).isEmpty();
    assertThatThrownBy(() -> newLoop("function:T#9")).isInstanceOf(IllegalStateException.class);
  }

  /** Create, use once, close: the cost a function-scoped test pays for its loop, against the default provider. */
  @Test
  void createUseAndCloseCostIsPrinted() throws Exception {
    double netty = costMicros(group);
    double def;
    try (LoopGroup defaults = new DefaultLoopProvider().open(SETTINGS)) {
      def = costMicros(defaults);
    }
    System.out.printf(Locale.ROOT, "loop create+first task+close: netty %.1f us, default %.1f us (median of 5 x 2000)%n",
        netty, def);
    assertThat(group.threadsStarted()).isLessThanOrEqualTo(2);
  }

  private static double costMicros(LoopGroup group) throws Exception {
    double[] runs = new double[5];
    int n = 2000;
    for (int i = 0; i < 200; i++) {
      once(group, i);
    }
    for (int r = 0; r < runs.length; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        once(group, i);
      }
      runs[r] = (System.nanoTime() - start) / 1_000.0 / n;
    }
    java.util.Arrays.sort(runs);
    return runs[runs.length / 2];
  }

  private static void once(LoopGroup group, int i) throws Exception {
    HarnessLoop loop = group.newLoop("function:Cost#" + i, Scope.FUNCTION, Owner.create("Cost"));
    loop.submit(() -> null).get(5, TimeUnit.SECONDS);
    loop.close("the test");
  }
}
