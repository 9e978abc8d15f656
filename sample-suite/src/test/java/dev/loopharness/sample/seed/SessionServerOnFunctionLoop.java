package dev.loopharness.sample.seed;

import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Scope;
import dev.loopharness.sample.kv.KvServer;

/**
 * The mistake of seed scenario 4: a session-scoped server with no loop scope of its own, so it
 * runs on the default loop scope, {@code function} in this suite's {@code application.conf}. Its
 * teardown would run at the end of the run on the first test's loop, closed long before.
 */
public final class SessionServerOnFunctionLoop extends FixtureModule {
  @Override
  protected void fixtures() {
    fixture(KvServer.class)
        .scope(Scope.SESSION)
        .setupAsync(ctx -> KvServer.start(ctx.loop().asExecutorService()))
        .teardownAsync(KvServer::close);
  }
}
