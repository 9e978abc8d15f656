package dev.loopharness.sample.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.sample.KeySpace;
import dev.loopharness.sample.KeySpaceFixtures;
import dev.loopharness.sample.KvFixtures;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 5, done right: a test that uses a class-loop fixture runs on the class loop too
 * ({@code @LoopScope(Scope.CLASS)}), so the fixture and the test's continuations share one thread.
 * The bad twin: {@link CrossLoopFixtureBadTest}.
 */
@LoopScope(Scope.CLASS)
@Fixtures({KvFixtures.class, KeySpaceFixtures.class})
class CrossLoopFixtureTest {

  @AsyncTest
  CompletionStage<Void> staysOnOneLoop(Loop loop, KeySpace space) {
    return space.put("cross:k", "v").thenAccept(stored -> assertThat(loop.inLoop()).isTrue());
  }
}
