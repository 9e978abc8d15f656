package dev.loopharness.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import java.util.concurrent.CompletionStage;

/**
 * Class-scoped state: every test of this class runs on the class's loop and shares one {@link
 * KeySpace}, set up before the first test and dropped after the last, on that same loop. (Tests
 * run in name order, so the second sees what the first stored.)
 */
@LoopScope(Scope.CLASS)
@Fixtures({KvFixtures.class, KeySpaceFixtures.class})
class SharedStateTest {

  @AsyncTest
  CompletionStage<Void> firstStoresAValue(KeySpace space) {
    return space.put("greeting", "hello");
  }

  @AsyncTest
  CompletionStage<Void> secondSeesIt(KeySpace space) {
    return space.get("greeting").thenAccept(value -> assertThat(value).contains("hello"));
  }
}
