package dev.loopharness.sample.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A line-protocol server on Netty, on 127.0.0.1: {@code PING} answers {@code PONG}, {@code ECHO x}
 * answers {@code x}, {@code UPPER x} answers {@code x} in upper case, anything else {@code ERR}.
 * {@link #close()} closes the connections it accepted, then stops listening.
 */
public final class LineServer {
  private final Channel listening;
  private final Set<Channel> connections;

  private LineServer(Channel listening, Set<Channel> connections) {
    this.listening = listening;
    this.connections = connections;
  }

  /** Listens on an ephemeral port of 127.0.0.1, served by {@code group}'s loops. */
  public static CompletionStage<LineServer> start(EventLoopGroup group) {
    Set<Channel> connections = ConcurrentHashMap.newKeySet();
    LineHandler handler = new LineHandler();
    return Futures.of(new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            connections.add(ch);
            ch.closeFuture().addListener(f -> connections.remove(ch));
            ch.pipeline().addLast(new LineBasedFrameDecoder(8192),
                new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8), handler);
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)))
        .thenApply(channel -> new LineServer(channel, connections));
  }

  public int port() {
    return ((InetSocketAddress) listening.localAddress()).getPort();
  }

  /** Connections open now. */
  public int connections() {
    return connections.size();
  }

  public CompletionStage<Void> close() {
    CompletableFuture<?>[] closing = connections.stream().map(ch -> Futures.of(ch.close()).toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(closing).thenCompose(v -> Futures.of(listening.close())).thenApply(ch -> null);
  }

  /** Closes the listening channel only; accepted connections close when their peers do. */
  public CompletionStage<Void> closeListeningOnly() {
    return Futures.of(listening.close()).thenApply(ch -> null);
  }

  /** Answers one request line. */
  static String answer(String line) {
    if (line.equals("PING")) {
      return "PONG";
    }
    if (line.startsWith("ECHO ")) {
      return line.substring(5);
    }
    if (line.startsWith("UPPER ")) {
      return line.substring(6).toUpperCase(Locale.ROOT);
    }
    return "ERR unknown command";
  }

  @ChannelHandler.Sharable
  private static final class LineHandler extends SimpleChannelInboundHandler<String> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
      ctx.writeAndFlush(answer(line) + "\n");
    }
  }
}
