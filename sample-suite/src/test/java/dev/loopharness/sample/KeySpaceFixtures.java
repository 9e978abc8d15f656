package dev.loopharness.sample;

import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Scope;
import dev.loopharness.sample.kv.KvClient;
import dev.loopharness.sample.kv.KvServer;

/** A {@link KeySpace} per test class, on the class's loop; it needs {@link KvFixtures}' server. */
public final class KeySpaceFixtures extends FixtureModule {
  @Override
  protected void fixtures() {
    fixture(KeySpace.class)
        .scope(Scope.CLASS).loopScope(Scope.CLASS)
        .setupAsync(ctx -> KvClient.connect(ctx.loop().asExecutorService(), ctx.get(KvServer.class).port())
            .thenApply(KeySpace::new))
        .teardownAsync(KeySpace::dropAndClose);
  }
}
