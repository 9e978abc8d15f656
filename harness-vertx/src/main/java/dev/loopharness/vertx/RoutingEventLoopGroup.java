package dev.loopharness.vertx;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One of Vert.x's event-loop groups as the harness gives it to Vert.x: {@link #next()} is the harness
 * loop running on the calling thread if there is one, else one of Vert.x's own event loops; channels
 * registered through the group are shown to {@code registered} first. Its lifecycle is that of
 * Vert.x's own group; the harness loops have theirs.
 */
final class RoutingEventLoopGroup extends AbstractEventExecutorGroup implements EventLoopGroup {
  private final EventLoopGroup vertxOwn;
  private final Supplier<EventLoop> current;
  private final Consumer<Channel> registered;

  RoutingEventLoopGroup(EventLoopGroup vertxOwn, Supplier<EventLoop> current, Consumer<Channel> registered) {
    this.vertxOwn = vertxOwn;
    this.current = current;
    this.registered = registered;
  }

  @Override
  public EventLoop next() {
    EventLoop loop = current.get();
    return loop != null ? loop : vertxOwn.next();
  }

  @Override
  public Iterator<EventExecutor> iterator() {
    return vertxOwn.iterator();
  }

  @Override
  public ChannelFuture register(Channel channel) {
    registered.accept(channel);
    return next().register(channel);
  }

  @Override
  public ChannelFuture register(ChannelPromise promise) {
    registered.accept(promise.channel());
    return next().register(promise);
  }

  @Deprecated
  @Override
  public ChannelFuture register(Channel channel, ChannelPromise promise) {
    registered.accept(channel);
    return next().register(promise);
  }

  @Override
  public boolean isShuttingDown() {
    return vertxOwn.isShuttingDown();
  }

  @Override
  public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
    return vertxOwn.shutdownGracefully(quietPeriod, timeout, unit);
  }

  @Override
  public Future<?> terminationFuture() {
    return vertxOwn.terminationFuture();
  }

  @Deprecated
  @Override
  public void shutdown() {
    vertxOwn.shutdown();
  }

  @Override
  public boolean isShutdown() {
    return vertxOwn.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return vertxOwn.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return vertxOwn.awaitTermination(timeout, unit);
  }
}
