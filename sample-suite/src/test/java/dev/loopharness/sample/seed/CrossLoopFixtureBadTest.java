package dev.loopharness.sample.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Tag;
import dev.loopharness.sample.KeySpace;
import dev.loopharness.sample.KeySpaceFixtures;
import dev.loopharness.sample.KvFixtures;
import java.util.concurrent.CompletionStage;

/**
 * Seed scenario 5, the mistake: a test on its own function loop uses a {@link KeySpace} built on
 * the class loop. Its requests hop to the class loop and their answers complete there, so the rest
 * of the test runs on whichever thread gets there first, racing with the fixture's own state
 * (asyncio fails fast with "attached to a different loop"; Java just races, and usually passes).
 * With {@code harness.cross-loop = warn}, the default, the harness publishes a warning naming the
 * test, both loops and the fix; with {@code error} it refuses the test before any setup.
 * The fix: {@link CrossLoopFixtureTest}.
 */
@Tag("known-bad")
@Fixtures({KvFixtures.class, KeySpaceFixtures.class})
class CrossLoopFixtureBadTest {

  @AsyncTest
  CompletionStage<Void> usesAClassLoopFixtureFromItsOwnLoop(KeySpace space) {
    return space.put("cross:k", "v")
        .thenCompose(stored -> space.get("cross:k"))
        .thenAccept(value -> assertThat(value).contains("v"));
  }
}
