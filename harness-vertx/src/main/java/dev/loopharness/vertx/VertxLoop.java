package dev.loopharness.vertx;

import dev.loopharness.engine.kit.CreationSites;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopSpec;
import dev.loopharness.netty.NettyLoop;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A harness loop that is a Vert.x event-loop context: a Netty loop of harness-netty with a context
 * of the run's Vert.x instance on it. Every callback runs inside the context, so {@code
 * Vertx.currentContext()} is it and what Vert.x code makes there (timers, servers, clients,
 * verticles) belongs to this loop; servers, clients and verticles are tracked with their owner.
 */
final class VertxLoop extends NettyLoop {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private final VertxRuntime runtime;
  private final OwnedCloseFuture closeFuture;
  private final ContextInternal context;
  // Touched on the loop thread only: the context entered by the running callback, and verticles
  // whose contexts Vert.x has not made yet.
  private ContextInternal entered;
  private final List<VerticleItem> unwatched = new ArrayList<>(1);

  VertxLoop(VertxLoopGroup group, LoopSpec spec, VertxRuntime runtime) {
    super(group, spec);
    this.runtime = runtime;
    this.closeFuture = new OwnedCloseFuture(this::track, runtime.servers());
    this.context = runtime.vertx().contextBuilder().withEventLoop(nettyEventLoop()).withCloseFuture(closeFuture)
        .build();
    runtime.opened(this);
  }

  @Override
  protected void beforeCallback() {
    entered = context.beginDispatch();
  }

  @Override
  protected void afterCallback() {
    context.endDispatch(entered);
    entered = null;
    if (!unwatched.isEmpty()) {
      watchDeployments();
    }
  }

  // ---- what is tracked ----

  /** Vert.x's own timers (a client's pool checker, a connect timeout) and those of a verticle belong to it. */
  @Override
  protected boolean tracksTimer() {
    return !inVerticle() && !VertxTimers.madeByVertx();
  }

  /** The DNS resolver's channels are Vert.x's; a verticle's connections close when it is undeployed. */
  @Override
  protected boolean tracksChannel(Channel channel) {
    return !inVerticle() && !WALKER.walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("io.netty.resolver.")));
  }

  private static boolean inVerticle() {
    Context current = Vertx.currentContext();
    return current instanceof ContextInternal c && c.isDeployment();
  }

  /** A Vert.x server, client or datagram socket opened on the context, as a resource of the current owner. */
  private Runnable track(VertxResource resource) {
    VertxResourceItem item = register(new VertxResourceItem(this, resource, site()));
    return item::closed;
  }

  /**
   * Vert.x is making a verticle instance's context on this loop: the current owner deploys it. One
   * item per deployment, watched once Vert.x has made its contexts (after this callback).
   */
  void deploying() {
    DeploymentContext deployment = runtime.deployments().claimNewest();
    if (deployment != null) {
      unwatched.add(register(new VerticleItem(this, deployment, site())));
    }
  }

  private void watchDeployments() {
    unwatched.removeIf(VerticleItem::watch);
  }

  /** Vert.x and harness-netty frames are not where user code made something. */
  @Override
  protected boolean isLibraryFrame(Class<?> type) {
    return super.isLibraryFrame(type) || type.getName().startsWith("io.vertx.")
        || CreationSites.isHarnessFrame(type, NettyLoop.class);
  }

  // ---- identity ----

  /**
   * The run's {@code Vertx} for {@code Vertx}/{@code VertxInternal}; this loop's context for {@code
   * Context}/{@code ContextInternal}; else as a Netty loop ({@code EventLoop}, {@code EventLoopGroup},
   * {@code ScheduledExecutorService}, ...).
   */
  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(runtime.vertx()) && Vertx.class.isAssignableFrom(type)) {
      return type.cast(runtime.vertx());
    }
    if (type.isInstance(context) && Context.class.isAssignableFrom(type)) {
      return type.cast(context);
    }
    try {
      return super.unwrap(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("loop " + name() + " cannot be unwrapped to " + type.getName()
          + ": the vertx loop provider supports io.vertx.core.Vertx, io.vertx.core.Context,"
          + " io.netty.channel.EventLoop, EventLoopGroup, IoEventLoop, io.netty.util.concurrent.EventExecutor,"
          + " java.util.concurrent.ScheduledExecutorService and " + HarnessLoop.class.getName());
    }
  }

  ContextInternal context() {
    return context;
  }

  VertxRuntime runtime() {
    return runtime;
  }

  @Override
  protected void shutDown() {
    runtime.closed(this);
    super.shutDown();
  }
}
