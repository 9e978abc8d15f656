package dev.loopharness.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.LoopClosedException;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.Drainer;
import dev.loopharness.engine.leak.Owner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopCloseTests {
  private static final String CLOSED_BY = "the harness, after test PingTest > pings() ended";
  private final LoopGroup group = new DefaultLoopProvider().open(new LoopSettings(Duration.ofSeconds(5), true));
  private final Owner owner = Owner.create("PingTest > pings()");
  private final HarnessLoop loop = group.newLoop("function:PingTest#3", Scope.FUNCTION, owner);
  private final Drainer drainer = new Drainer(Duration.ofSeconds(2));

  @AfterEach
  void closeGroup() {
    group.close();
  }

  @Test
  void refusesEveryKindOfSubmissionWithTheExactMessage() {
    loop.close(CLOSED_BY);
    assertThat(loop.isClosed()).isTrue();
    String time = closedAt(() -> loop.execute(() -> {}));
    String expected = "Loop function:PingTest#3 is closed: it belonged to PingTest > pings() (function scope)"
        + " and was closed at " + time + " by " + CLOSED_BY + "; it refused this execute.\n"
        + "Fix: do not keep objects that use this loop beyond its scope: give the object's fixture a"
        + " loopScope at least as wide as its scope, or close it before its scope ends.";
    assertThatThrownBy(() -> loop.execute(() -> {})).isInstanceOf(LoopClosedException.class).hasMessage(expected);
    assertThat(catchThrowableOfType(LoopClosedException.class, () -> loop.execute(() -> {})).loopName())
        .isEqualTo("function:PingTest#3");
    assertThatThrownBy(() -> loop.spawn("heartbeat", () -> null))
        .isInstanceOf(LoopClosedException.class).hasMessageContaining("refused this spawn 'heartbeat'.");
    assertThatThrownBy(() -> loop.submit(() -> 1)).isInstanceOf(LoopClosedException.class);
    assertThatThrownBy(() -> loop.schedule(Duration.ofSeconds(5), () -> {}))
        .isInstanceOf(LoopClosedException.class).hasMessageContaining("refused this schedule (5s).");
    assertThatThrownBy(() -> loop.track("tcp", () -> {})).isInstanceOf(LoopClosedException.class);
    assertThatThrownBy(() -> loop.asExecutorService().execute(() -> {})).isInstanceOf(LoopClosedException.class);
    assertThatThrownBy(() -> loop.asExecutorService().submit(() -> 1)).isInstanceOf(LoopClosedException.class);
    assertThat(drainer.drain(owner)).hasSize(9).extracting(Leak::kind).containsOnly(LeakKind.CLOSED_LOOP);
  }

  @Test
  void recordsAClosedLoopLeakEvenWhenTheCallerSwallowsTheException() {
    loop.close(CLOSED_BY);
    try {
      loop.execute(() -> {});
    } catch (LoopClosedException swallowed) {
      // what careless cleanup code does
    }
    List<Leak> leaks = drainer.drain(owner);
    assertThat(leaks).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.CLOSED_LOOP);
      assertThat(leak.owner()).isEqualTo("PingTest > pings()");
      assertThat(leak.description())
          .startsWith("execute submitted to loop function:PingTest#3 from thread '" + Thread.currentThread().getName()
              + "' at LoopCloseTests.recordsAClosedLoopLeakEvenWhenTheCallerSwallowsTheException(LoopCloseTests.java:")
          .matches("(?s).*, after the loop was closed at \\d\\d:\\d\\d:\\d\\d\\.\\d{3} by " + Pattern.quote(CLOSED_BY));
      assertThat(leak.creationSite()).startsWith("LoopCloseTests.recordsAClosedLoop");
    });
  }

  @Test
  void chargesTheRunningOwnerFirst() {
    Owner other = Owner.create("OtherTest > other()");
    loop.close(CLOSED_BY);
    other.runAs(() -> assertThatThrownBy(() -> loop.execute(() -> {})).isInstanceOf(LoopClosedException.class));
    assertThat(drainer.drain(other)).singleElement().extracting(Leak::owner).isEqualTo("OtherTest > other()");
    assertThat(drainer.drain(owner)).isEmpty();
  }

  @Test
  void submissionsFromAForeignThreadAfterTheOwnerEndedGoToTheOrphans() throws Exception {
    drainer.drain(Owner.orphans());
    loop.close(CLOSED_BY);
    owner.end();
    AtomicBoolean refused = new AtomicBoolean();
    Thread foreign = new Thread(() -> {
      try {
        loop.execute(() -> {});
      } catch (LoopClosedException e) {
        refused.set(true);
      }
    }, "finalizer-like");
    foreign.start();
    foreign.join();
    assertThat(refused).isTrue();
    List<Leak> orphans = drainer.drain(Owner.orphans());
    assertThat(orphans).filteredOn(l -> l.description().contains("function:PingTest#3")).singleElement()
        .satisfies(leak -> {
          assertThat(leak.kind()).isEqualTo(LeakKind.CLOSED_LOOP);
          assertThat(leak.owner()).isEqualTo(Owner.orphans().name());
          assertThat(leak.description()).contains("from thread 'finalizer-like'");
        });
  }

  @Test
  void dropsQueuedCallbacksAndDoesNotWaitForARunningOne() throws Exception {
    CompletableFuture<Void> release = new CompletableFuture<>();
    AtomicBoolean ranLater = new AtomicBoolean();
    loop.execute(() -> release.join());
    loop.execute(() -> ranLater.set(true));
    long start = System.nanoTime();
    loop.close(CLOSED_BY);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
    release.complete(null);
    Thread.sleep(100);
    assertThat(ranLater).isFalse();
  }

  @Test
  void closingTwiceKeepsTheFirstCloser() {
    loop.close(CLOSED_BY);
    loop.close("someone else");
    assertThatThrownBy(() -> loop.execute(() -> {})).hasMessageContaining("by " + CLOSED_BY + ";");
  }

  @Test
  void closingTheGroupClosesEveryLoop() throws Exception {
    HarnessLoop used = group.newLoop("class:PingTest#1", Scope.CLASS, owner);
    used.submit(() -> null).get(5, TimeUnit.SECONDS);
    group.close();
    assertThat(used.isClosed()).isTrue();
    assertThat(loop.isClosed()).isTrue();
    assertThatThrownBy(() -> used.execute(() -> {}))
        .hasMessageContaining("by the harness, at the end of the run;");
    assertThatThrownBy(() -> group.newLoop("x", Scope.FUNCTION, owner)).isInstanceOf(IllegalStateException.class);
    drainer.drain(owner);
  }

  private static String closedAt(ThrowingCallable call) {
    AtomicReference<String> message = new AtomicReference<>();
    try {
      call.call();
    } catch (Throwable e) {
      message.set(e.getMessage());
    }
    Matcher m = Pattern.compile("closed at (\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) by").matcher(message.get());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
