package dev.loopharness.sample.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Tag;
import dev.loopharness.sample.kv.KvServer;

/**
 * Seed scenario 4, the mistake: a session fixture on a function loop (pytest-asyncio's
 * "session-scoped fixture, function-scoped loop"). The harness refuses each test that needs it
 * before any setup, with what is wrong, where the loop scope came from and the fix, instead of
 * letting the teardown fail at the end of the run. The fix: {@link FixtureLoopScopeTest}.
 */
@Tag("known-bad")
@Fixtures(SessionServerOnFunctionLoop.class)
class FixtureLoopScopeBadTest {

  @AsyncTest
  void usesTheSessionServer(KvServer server) {
    assertThat(server.port()).isPositive();
  }
}
