package dev.loopharness.engine.loop;

import static dev.loopharness.engine.loop.TrackedWorkTests.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.Drainer;
import dev.loopharness.engine.leak.Owner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchdogTests {
  private final LoopGroup group = new DefaultLoopProvider().open(new LoopSettings(Duration.ofMillis(50), true));
  private final Owner loopOwner = Owner.create("class BlockTest");
  private final Owner testOwner = Owner.create("BlockTest > blocks()");
  private final HarnessLoop loop = group.newLoop("class:BlockTest#1", Scope.CLASS, loopOwner);
  private final Drainer drainer = new Drainer(Duration.ofSeconds(1));

  @AfterEach
  void closeGroup() {
    group.close();
  }

  @Test
  void recordsABlockedLoopOnTheCallbacksOwnerWithAStackSample() throws Exception {
    testOwner.runAs(() -> loop.execute(WatchdogTests::blockTheLoop));
    loop.submit(() -> null).get(10, TimeUnit.SECONDS);
    List<Leak> leaks = drainer.drain(testOwner);
    assertThat(leaks).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.BLOCKED_LOOP);
      assertThat(leak.owner()).isEqualTo("BlockTest > blocks()");
      assertThat(leak.description())
          .startsWith("a callback held loop class:BlockTest#1 for more than 50ms (harness.loop.slow-callback);"
              + " its thread 'loop-harness class:BlockTest#1' was at:\n  at java.lang.Thread.sleep(Native Method)\n"
              + "  at dev.loopharness.engine.loop.WatchdogTests.blockTheLoop(WatchdogTests.java:")
          .doesNotContain("LoopRunner", "Lambda");
      assertThat(leak.description().lines().filter(l -> l.startsWith("  at "))).hasSizeLessThanOrEqualTo(8);
      assertThat(leak.creationSite()).startsWith("WatchdogTests.blockTheLoop(WatchdogTests.java:");
    });
    assertThat(drainer.drain(loopOwner)).isEmpty();
  }

  @Test
  void recordsOneLeakPerEpisode() throws Exception {
    testOwner.runAs(() -> {
      loop.execute(WatchdogTests::blockTheLoop);
      loop.execute(() -> {});
      loop.execute(WatchdogTests::blockTheLoop);
    });
    loop.submit(() -> null).get(10, TimeUnit.SECONDS);
    assertThat(drainer.drain(testOwner)).hasSize(2).extracting(Leak::kind).containsOnly(LeakKind.BLOCKED_LOOP);
  }

  @Test
  void quickCallbacksAreNotReported() throws Exception {
    testOwner.runAs(() -> {
      for (int i = 0; i < 1_000; i++) {
        loop.execute(() -> {});
      }
    });
    loop.submit(() -> null).get(10, TimeUnit.SECONDS);
    Thread.sleep(100);
    assertThat(drainer.drain(testOwner)).isEmpty();
  }

  @Test
  void theWatchdogStopsWithTheGroup() throws Exception {
    loop.submit(() -> null).get(5, TimeUnit.SECONDS);
    awaitUntil(() -> Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("loop-harness watchdog")));
    group.close();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("loop-harness watchdog"));
  }

  private static void blockTheLoop() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
