package dev.loopharness.assertj;

import static dev.loopharness.assertj.LoopAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopharness.api.Loop;
import dev.loopharness.api.Scope;
import dev.loopharness.api.Task;
import dev.loopharness.api.Timer;
import dev.loopharness.api.TrackedResource;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.loop.DefaultLoopProvider;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The assertions on a real loop: what passes, what fails, and what a failure says. */
class LoopAssertTests {
  private final LoopGroup group = new DefaultLoopProvider().open(new LoopSettings(Duration.ofSeconds(30), true));
  private final Owner owner = Owner.create("EchoTest > echoes()");
  private final HarnessLoop loop = group.newLoop("function:EchoTest.echoes#1", Scope.FUNCTION, owner);

  @AfterEach
  void closeGroup() {
    group.close();
  }

  @Test
  void anIdleLoopHasNoPendingWork() {
    assertThat(loop).hasNoPendingTasks().hasNoArmedTimers().hasNoOpenResources().hasNoPendingWork().isOpen();
    assertThat(loop.pendingWork()).isEmpty();
  }

  @Test
  void aPendingTaskFailsWithItsNameSiteAndOwnerUntilItIsCancelled() throws Exception {
    Task<Void> heartbeat = owner.callAs(() -> loop.spawn("heartbeat", () -> new CompletableFuture<Void>()));
    assertThatThrownBy(() -> assertThat(loop).hasNoPendingTasks())
        .isInstanceOf(AssertionError.class)
        .hasMessageMatching("Expecting loop function:EchoTest.echoes#1 to have no pending tasks, but it has 1:\n"
            + "  task 'heartbeat' spawned at LoopAssertTests\\.lambda\\$\\w+\\$\\d+\\(LoopAssertTests\\.java:\\d+\\),"
            + " still pending \\(owner: EchoTest > echoes\\(\\)\\)");
    assertThatThrownBy(() -> assertThat(loop).hasNoPendingWork()).hasMessageContaining("'heartbeat'");
    assertThat(loop).hasNoArmedTimers().hasNoOpenResources();

    heartbeat.cancel();
    heartbeat.toCompletableFuture().handle((v, e) -> null).get(5, TimeUnit.SECONDS);
    assertThat(loop).hasNoPendingWork();
  }

  @Test
  void armedTimersAndOpenResourcesFailTheirAssertions() throws Exception {
    Timer retry = loop.schedule(Duration.ofSeconds(5), () -> {});
    TrackedResource connection = loop.track("tcp 127.0.0.1:50112", () -> {});
    assertThatThrownBy(() -> assertThat(loop).hasNoArmedTimers())
        .hasMessageStartingWith("Expecting loop function:EchoTest.echoes#1 to have no armed timers, but it has 1:\n"
            + "  timer armed for 5s at LoopAssertTests.armedTimersAndOpenResourcesFailTheirAssertions(");
    assertThatThrownBy(() -> assertThat(loop).hasNoOpenResources())
        .hasMessageStartingWith("Expecting loop function:EchoTest.echoes#1 to have no open resources, but it has 1:\n"
            + "  resource 'tcp 127.0.0.1:50112' opened at LoopAssertTests.")
        .hasMessageEndingWith(", never closed (owner: EchoTest > echoes())");
    assertThatThrownBy(() -> assertThat(loop).hasNoPendingWork())
        .hasMessageStartingWith("Expecting loop function:EchoTest.echoes#1 to have no pending tasks, armed timers"
            + " or open resources, but it has 2:");
    assertThat(loop).hasNoPendingTasks();

    retry.cancel();
    connection.close();
    loop.submit(() -> null).get(5, TimeUnit.SECONDS);
    assertThat(loop).hasNoPendingWork();
  }

  @Test
  void manyItemsAreListedUpToTwentyAndCounted() {
    for (int i = 0; i < 25; i++) {
      loop.spawn("task" + i, () -> new CompletableFuture<Void>());
    }
    assertThatThrownBy(() -> assertThat(loop).hasNoPendingTasks())
        .hasMessageContaining("but it has 25:\n  task 'task0' spawned at")
        .hasMessageContaining("'task19'")
        .hasMessageNotContaining("'task20'")
        .hasMessageEndingWith("\n  ... and 5 more");
  }

  @Test
  void closedAndOpen() {
    assertThatThrownBy(() -> assertThat(loop).isClosed())
        .hasMessage("Expecting loop function:EchoTest.echoes#1 to be closed, but it is open");
    loop.close("the test");
    assertThat(loop).isClosed();
    assertThatThrownBy(() -> assertThat(loop).isOpen())
        .hasMessage("Expecting loop function:EchoTest.echoes#1 to be open, but it is closed");
  }

  @Test
  void aNullLoopFailsEveryAssertion() {
    assertThatThrownBy(() -> assertThat((Loop) null).hasNoPendingTasks())
        .isInstanceOf(AssertionError.class).hasMessageContaining("Expecting actual not to be null");
  }

  @Test
  void standsNextToAssertJsOwnAssertThat() {
    LoopAssert loopAssert = assertThat(loop);
    assertThat(loopAssert).isNotNull();
    assertThat(41 + 1).isEqualTo(42);
  }
}
