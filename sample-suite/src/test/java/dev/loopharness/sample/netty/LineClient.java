package dev.loopharness.sample.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A client of {@link LineServer}: requests may be pipelined; answers come back in order. */
public final class LineClient {
  private final Channel channel;
  // Touched only on the channel's loop.
  private final Queue<CompletableFuture<String>> waiting;

  private LineClient(Channel channel, Queue<CompletableFuture<String>> waiting) {
    this.channel = channel;
    this.waiting = waiting;
  }

  /** Connects to 127.0.0.1:{@code port} on {@code loop}. */
  public static CompletionStage<LineClient> connect(EventLoop loop, int port) {
    Queue<CompletableFuture<String>> waiting = new ArrayDeque<>();
    return Futures.of(new Bootstrap().group(loop).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new LineBasedFrameDecoder(8192), new StringDecoder(StandardCharsets.UTF_8),
                new StringEncoder(StandardCharsets.UTF_8), new SimpleChannelInboundHandler<String>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, String line) {
                    CompletableFuture<String> next = waiting.poll();
                    if (next != null) {
                      next.complete(line);
                    }
                  }

                  @Override
                  public void channelInactive(ChannelHandlerContext ctx) {
                    for (CompletableFuture<String> w; (w = waiting.poll()) != null; ) {
                      w.completeExceptionally(new IOException("connection closed"));
                    }
                  }
                });
          }
        })
        .connect(new InetSocketAddress("127.0.0.1", port)))
        .thenApply(channel -> new LineClient(channel, waiting));
  }

  /** Sends one request line; completes with its answer. */
  public CompletionStage<String> request(String line) {
    CompletableFuture<String> answer = new CompletableFuture<>();
    channel.eventLoop().execute(() -> {
      waiting.add(answer);
      channel.writeAndFlush(line + "\n").addListener(f -> {
        if (!f.isSuccess()) {
          answer.completeExceptionally(f.cause());
        }
      });
    });
    return answer;
  }

  /** Writes without waiting for an answer, from wherever the caller runs. */
  public void send(String line) {
    channel.writeAndFlush(line + "\n");
  }

  public Channel channel() {
    return channel;
  }

  public CompletionStage<Void> close() {
    return Futures.of(channel.close()).thenApply(ch -> null);
  }
}
