package dev.loopharness.sample.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Netty's channel futures as completion stages. */
final class Futures {
  private Futures() {}

  static CompletionStage<Channel> of(ChannelFuture future) {
    CompletableFuture<Channel> stage = new CompletableFuture<>();
    future.addListener(f -> {
      if (f.isSuccess()) {
        stage.complete(future.channel());
      } else {
        stage.completeExceptionally(f.cause());
      }
    });
    return stage;
  }
}
