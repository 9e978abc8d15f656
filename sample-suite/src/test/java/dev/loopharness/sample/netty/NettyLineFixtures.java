package dev.loopharness.sample.netty;

import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Scope;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

/**
 * One {@link LineServer} for the run, bound on the session loop's Netty event loop, and a fresh
 * {@link LineClient} for every test on that test's own Netty loop.
 */
public final class NettyLineFixtures extends FixtureModule {
  @Override
  protected void fixtures() {
    fixture(LineServer.class)
        .scope(Scope.SESSION).loopScope(Scope.SESSION)
        .setupAsync(ctx -> LineServer.start(ctx.loop().unwrap(EventLoopGroup.class)))
        .teardownAsync(LineServer::close);
    fixture(LineClient.class)
        .setupAsync(ctx -> LineClient.connect(ctx.loop().unwrap(EventLoop.class), ctx.get(LineServer.class).port()))
        .teardownAsync(LineClient::close);
    fixture(LinePort.class)
        .setup(ctx -> new LinePort(ctx.get(LineServer.class).port()));
  }
}
