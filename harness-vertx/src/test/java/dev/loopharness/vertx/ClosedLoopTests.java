package dev.loopharness.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopClosedException;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Work sent to a closed loop's Vert.x context is refused and blamed on whoever sent it. */
class ClosedLoopTests {
  static Context kept;
  static Throwable refusedRun;
  static Throwable refusedTimer;

  static class KeepsItsContextTestCase {
    @AsyncTest
    void a_keepsItsContextForLater(Loop loop) {
      kept = loop.unwrap(Context.class);
    }

    @AsyncTest
    void b_runsOnItAfterItsLoopClosed() {
      refusedRun = null;
      try {
        kept.runOnContext(v -> {});
      } catch (LoopClosedException e) {
        refusedRun = e;
      }
    }

    @AsyncTest
    void c_setsATimerOnItAfterItsLoopClosed() {
      refusedTimer = null;
      try {
        ((ContextInternal) kept).timer(10);
      } catch (LoopClosedException e) {
        refusedTimer = e;
      }
    }
  }

  @Test
  void runOnContextAfterTheLoopClosedIsRefusedAndAClosedLoopLeakOfTheTestThatSentIt() {
    EngineExecutionResults results = VertxRuns.run(KeepsItsContextTestCase.class);

    assertThat(VertxRuns.leaksOf(results, "a_keepsItsContextForLater")).isEmpty();
    assertThat(refusedRun).isInstanceOf(LoopClosedException.class)
        .hasMessageStartingWith("Loop function:KeepsItsContextTestCase.a_keepsItsContextForLater#")
        .hasMessageContaining("it belonged to KeepsItsContextTestCase > a_keepsItsContextForLater(Loop)"
            + " (function scope)");
    assertThat(VertxRuns.leaksOf(results, "b_runsOnItAfterItsLoopClosed")).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.CLOSED_LOOP);
      assertThat(leak.owner()).isEqualTo("KeepsItsContextTestCase > b_runsOnItAfterItsLoopClosed()");
      assertThat(leak.description()).startsWith("execute (through the Netty EventLoop) submitted to loop"
          + " function:KeepsItsContextTestCase.a_keepsItsContextForLater#")
          .contains(" at ClosedLoopTests$KeepsItsContextTestCase.b_runsOnItAfterItsLoopClosed(ClosedLoopTests.java:");
    });
  }

  @Test
  void aTimerOnTheClosedLoopsContextIsRefusedToo() {
    EngineExecutionResults results = VertxRuns.run(KeepsItsContextTestCase.class);

    assertThat(refusedTimer).isInstanceOf(LoopClosedException.class);
    assertThat(VertxRuns.leaksOf(results, "c_setsATimerOnItAfterItsLoopClosed")).singleElement()
        .satisfies(leak -> {
          assertThat(leak.kind()).isEqualTo(LeakKind.CLOSED_LOOP);
          assertThat(leak.description()).startsWith("schedule (through the Netty EventLoop) submitted to loop"
              + " function:KeepsItsContextTestCase.a_keepsItsContextForLater#");
        });
  }
}
