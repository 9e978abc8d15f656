package dev.loopharness.vertx;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.impl.transports.NioTransport;
import io.vertx.core.impl.transports.TransportInternal;
import io.vertx.core.spi.transport.Transport;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * Vert.x's NIO transport, except that its I/O event-loop group hands out the harness loop running on
 * the calling thread: a verticle deployed from a test gets its context on the test's loop, not on a
 * Vert.x thread. Off the harness loops (the JUnit thread, Vert.x's own threads) it hands out one
 * Vert.x event loop, as usual.
 */
final class LoopTransport implements Transport {
  private final Transport nio = NioTransport.INSTANCE;
  private final Supplier<EventLoop> current;
  private final ServerChannels servers;

  /**
   * {@code current} is the event loop of the harness loop on this thread, or null off the loops;
   * {@code servers} learns the listening channels Vert.x registers on its acceptor loop.
   */
  LoopTransport(Supplier<EventLoop> current, ServerChannels servers) {
    this.current = current;
    this.servers = servers;
  }

  /** This transport as {@code VertxBuilder.withTransport} takes it. */
  io.vertx.core.transport.Transport asVertxTransport() {
    return new TransportInternal("nio (loop harness)", true, null, this);
  }

  @Override
  public EventLoopGroup eventLoopGroup(int type, int threads, ThreadFactory factory, int ioRatio) {
    EventLoopGroup vertxOwn = nio.eventLoopGroup(type, threads, factory, ioRatio);
    return type == IO_EVENT_LOOP_GROUP ? new RoutingEventLoopGroup(vertxOwn, current, channel -> {})
        : new RoutingEventLoopGroup(vertxOwn, () -> null, servers::registered);
  }

  @Override
  public IoHandlerFactory ioHandlerFactory() {
    return nio.ioHandlerFactory();
  }

  @Override
  public boolean supportsDomainSockets() {
    return nio.supportsDomainSockets();
  }

  @Override
  public DatagramChannel datagramChannel() {
    return nio.datagramChannel();
  }

  @Override
  @SuppressWarnings("deprecation") // Vert.x's Transport still takes Netty's InternetProtocolFamily
  public DatagramChannel datagramChannel(InternetProtocolFamily family) {
    return nio.datagramChannel(family);
  }

  @Override
  public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
    return nio.channelFactory(domainSocket);
  }

  @Override
  public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
    return nio.serverChannelFactory(domainSocket);
  }
}
