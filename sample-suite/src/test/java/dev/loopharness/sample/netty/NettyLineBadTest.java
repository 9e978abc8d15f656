package dev.loopharness.sample.netty;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Tag;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/**
 * The Netty mistakes, run by {@link NettyKnownBadTests}: a connection the test never closes (a
 * RESOURCE leak with its addresses, closed by the harness), and a client kept in a static and
 * written to by the next test after its loop closed (a LoopClosedException and a CLOSED_LOOP leak
 * on the writer), and a buffer encoded and never sent nor released (a RESOURCE leak at the end of
 * the test that allocated it, at Netty's default leak detection level).
 */
@Tag("known-bad")
@Fixtures(NettyLineFixtures.class)
class NettyLineBadTest {
  static LineClient kept;
  static Throwable lateWrite;

  @AsyncTest
  CompletionStage<Void> a_leavesItsConnectionOpen(Loop loop, LinePort port) {
    return LineClient.connect(loop.unwrap(EventLoop.class), port.value())
        .thenCompose(client -> client.request("PING"))
        .thenAccept(answer -> {});
  }

  @AsyncTest
  CompletionStage<Void> b_keepsItsClientForLater(Loop loop, LinePort port) {
    return LineClient.connect(loop.unwrap(EventLoop.class), port.value()).thenCompose(client -> {
      kept = client;
      return client.request("PING").thenCompose(answer -> client.close());
    });
  }

  @AsyncTest
  void c_writesWithItAfterItsLoopClosed() {
    // Netty fails the write at once; the harness records who sent it to the closed loop.
    lateWrite = kept.channel().writeAndFlush("PING\n").cause();
  }

  @AsyncTest
  void d_encodesARequestAndNeverSendsIt(Loop loop) {
    ByteBuf request = ByteBufAllocator.DEFAULT.buffer(16);
    request.writeCharSequence("PING\n", StandardCharsets.US_ASCII);
    // Writing it would have released it; it is neither written nor released.
  }
}
