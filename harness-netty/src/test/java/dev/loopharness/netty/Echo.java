package dev.loopharness.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A loopback echo server and client on given Netty loops, for the provider's tests. */
final class Echo {
  private Echo() {}

  /** An echo server's channel and the connections it accepted. */
  record Server(Channel channel, Set<Channel> accepted) {
    /** Closes the accepted connections, then the server channel. */
    CompletableFuture<Void> close() {
      CompletableFuture<?>[] all = accepted.stream().map(Echo::closed).toArray(CompletableFuture[]::new);
      return CompletableFuture.allOf(all).thenCompose(v -> closed(channel));
    }
  }

  /** Binds an echo server on 127.0.0.1 (any port). */
  static CompletableFuture<Server> server(EventLoopGroup group) {
    return server(group, new EchoHandler());
  }

  /** Writes back what it reads. */
  @ChannelHandler.Sharable
  static final class EchoHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.writeAndFlush(msg);
    }
  }

  /** Binds a server on 127.0.0.1 (any port) whose connections are served by {@code handler}. */
  static CompletableFuture<Server> server(EventLoopGroup group, ChannelHandler handler) {
    Set<Channel> accepted = ConcurrentHashMap.newKeySet();
    ChannelFuture bind = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            accepted.add(ch);
            ch.closeFuture().addListener(f -> accepted.remove(ch));
            ch.pipeline().addLast(handler);
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0));
    return stage(bind).thenApply(channel -> new Server(channel, accepted));
  }

  /** Connects a client that completes {@code replies} with the first bytes it reads back. */
  static CompletableFuture<Channel> client(EventLoopGroup group, Server server,
      CompletableFuture<String> replies) {
    ChannelFuture connect = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new SimpleChannelInboundHandler<ByteBuf>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            replies.complete(msg.toString(StandardCharsets.UTF_8));
          }
        })
        .connect(server.channel().localAddress());
    return stage(connect);
  }

  static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  static CompletableFuture<Channel> stage(ChannelFuture future) {
    CompletableFuture<Channel> out = new CompletableFuture<>();
    future.addListener(f -> {
      if (f.isSuccess()) {
        out.complete(future.channel());
      } else {
        out.completeExceptionally(f.cause());
      }
    });
    return out;
  }

  static CompletableFuture<Void> closed(Channel channel) {
    return stage(channel.close()).thenApply(c -> null);
  }
}
