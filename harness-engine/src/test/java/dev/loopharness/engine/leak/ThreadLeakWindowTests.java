package dev.loopharness.engine.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A test's thread window costs no look at the live threads when no thread was started meanwhile
 * (the JVM's count of started threads did not move), and still finds every thread started in it.
 */
class ThreadLeakWindowTests {
  private final ThreadLeaks threads = new ThreadLeaks(true, Duration.ofMillis(50), List.of(), false);

  @Test
  void windowsOpenedWithNoThreadStartedBetweenShareOneListOfTheLiveThreads() throws Exception {
    ThreadLeaks.Window first = threads.open(true);
    ThreadLeaks.Window second = threads.open(true);
    assertThat(second.before).isSameAs(first.before);
    assertThat(threads.collect(second, List.of(Owner.create("second")), Owner.create("second"))).isEmpty();
    assertThat(threads.collect(first, List.of(Owner.create("first")), Owner.create("first"))).isEmpty();

    Thread started = new Thread(() -> {}, "window-test-ended");
    started.start();
    started.join();
    ThreadLeaks.Window third = threads.open(true);
    assertThat(third.before).isNotSameAs(first.before);
    assertThat(threads.collect(third, List.of(Owner.create("third")), Owner.create("third"))).isEmpty();
  }

  @Test
  void aThreadStartedInTheWindowIsStillFoundWhetherItCarriesTheOwnersMarkOrNone() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Owner owner = Owner.create("WindowTest > marked()");
    ThreadLeaks.Window window = threads.open(true);
    Thread[] marked = new Thread[1];
    owner.runAs(() -> marked[0] = new Thread(() -> await(release), "window-test-marked"));
    marked[0].start();
    Thread unmarked = new Thread(() -> await(release), "window-test-unmarked");
    unmarked.setContextClassLoader(ClassLoader.getSystemClassLoader());
    unmarked.start();
    try {
      List<Leak> leaks = threads.collect(window, List.of(owner), owner);
      assertThat(leaks).extracting(Leak::kind).containsOnly(LeakKind.THREAD);
      assertThat(leaks).extracting(Leak::description).anySatisfy(d -> assertThat(d).contains("window-test-marked"))
          .anySatisfy(d -> assertThat(d).contains("window-test-unmarked"));
    } finally {
      release.countDown();
      marked[0].join();
      unmarked.join();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
