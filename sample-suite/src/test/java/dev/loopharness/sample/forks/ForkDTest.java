package dev.loopharness.sample.forks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import java.util.concurrent.CompletionStage;

/** One of four classes run in forks by the forks-* Surefire executions; see ForksCheckTests. */
@Fixtures(SessionLog.class)
class ForkDTest {
  @AsyncTest
  void seesTheSessionOfItsJvm(SessionLog.Jvm jvm) {
    assertThat(jvm.id()).isEqualTo(SessionLog.id());
  }

  @AsyncTest
  CompletionStage<Void> runsOnItsLoop(Loop loop) {
    // no AssertJ on the loop: loading its classes in a fresh fork can hold the loop past slow-callback
    return loop.submit(loop::inLoop).thenAcceptAsync(inLoop -> assertThat(inLoop).isTrue());
  }
}
