package dev.loopharness.sample;

import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Scope;
import dev.loopharness.sample.kv.KvClient;
import dev.loopharness.sample.kv.KvServer;

/**
 * The service's fixtures in the shape the seed recommends: one server for the whole run, set up
 * and torn down on the session loop, and a fresh client for every test on that test's own loop.
 * Tests ask for a {@link KvClient} or a {@link ServerPort}, never for the server itself: that lives
 * on another loop.
 */
public final class KvFixtures extends FixtureModule {
  @Override
  protected void fixtures() {
    // Session scope on a session loop: the loop lives exactly as long as the server.
    fixture(KvServer.class)
        .scope(Scope.SESSION).loopScope(Scope.SESSION)
        .setupAsync(ctx -> KvServer.start(ctx.loop().asExecutorService()))
        .teardownAsync(KvServer::close);
    // Function scope on the function loop (harness.default-loop-scope in application.conf). Reading
    // the session server's port from here is a deliberate cross-loop dependency, not reported.
    fixture(KvClient.class)
        .setupAsync(ctx -> KvClient.connect(ctx.loop().asExecutorService(), ctx.get(KvServer.class).port()))
        .teardownAsync(KvClient::close);
    // For tests that open connections themselves: the server's port, as a function fixture, so
    // that no test touches the session loop's objects from its own loop (harness.cross-loop).
    fixture(ServerPort.class)
        .setup(ctx -> new ServerPort(ctx.get(KvServer.class).port()));
  }
}
