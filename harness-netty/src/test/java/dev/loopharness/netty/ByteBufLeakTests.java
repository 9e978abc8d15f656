package dev.loopharness.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Netty's own leak detector reports a lost ByteBuf; the harness blames the owner that allocated it. */
class ByteBufLeakTests {
  private ResourceLeakDetector.Level level;

  @BeforeEach
  void paranoid() {
    level = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  @AfterEach
  void restore() {
    ResourceLeakDetector.setLevel(level);
  }

  /** Collects garbage and allocates, which is when Netty's detector reports what was collected unreleased. */
  static void detectLeaksNow() {
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      ByteBufAllocator.DEFAULT.buffer(8).release();
    }
  }

  static void dropABuffer() {
    ByteBuf lost = ByteBufAllocator.DEFAULT.directBuffer(64);
    lost.writeLong(42);
  }

  static class LeakTestCase {
    @AsyncTest
    void dropsABufferAndFindsOut(Loop loop) {
      dropABuffer();
      detectLeaksNow();
    }

    @AsyncTest
    void releasesItsBuffers(Loop loop) {
      ByteBuf kept = ByteBufAllocator.DEFAULT.directBuffer(64);
      kept.writeLong(42);
      kept.release();
      detectLeaksNow();
    }
  }

  static class ServerReadTestCase {
    @AsyncTest
    CompletionStage<Void> aHandlerDropsWhatItReads(Loop loop) {
      EventLoop netty = loop.unwrap(EventLoop.class);
      CompletableFuture<Void> read = new CompletableFuture<>();
      return Echo.server(netty, new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          ((ByteBuf) msg).readByte(); // and never released
          read.complete(null);
        }
      }).thenCompose(server -> Echo.client(netty, server, new CompletableFuture<>())
          .thenCompose(client -> {
            client.writeAndFlush(Echo.text("lost"));
            return read.thenCompose(v -> Echo.closed(client)).thenCompose(v -> server.close());
          }))
          // In a task of its own: the stage completes inside channelRead, which still holds the buffer.
          .thenRunAsync(ByteBufLeakTests::detectLeaksNow, loop);
    }
  }

  static class LateDetectionTestCase {
    @AsyncTest
    void a_dropsABuffer(Loop loop) {
      dropABuffer();
    }

    @AsyncTest
    void b_findsTheLeakOfTheTestBefore(Loop loop) {
      detectLeaksNow();
    }
  }

  @Test
  void aBufferLostByTheTestIsAResourceLeakOfThatTestWithItsAllocationSite() {
    EngineExecutionResults results = NettyRuns.run(LeakTestCase.class);

    assertThat(NettyRuns.leaksOf(results, "releasesItsBuffers")).isEmpty();
    List<Leak> leaks = NettyRuns.leaksOf(results, "dropsABufferAndFindsOut");
    assertThat(leaks).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.RESOURCE);
      assertThat(leak.owner()).isEqualTo("LeakTestCase > dropsABufferAndFindsOut(Loop)");
      assertThat(leak.description()).matches("ByteBuf leak reported by Netty's ResourceLeakDetector: release\\(\\)"
          + " was not called before it was garbage-collected; allocated at"
          + " ByteBufLeakTests\\.dropABuffer\\(ByteBufLeakTests\\.java:\\d+\\)");
      assertThat(leak.creationSite()).startsWith("ByteBufLeakTests.dropABuffer(ByteBufLeakTests.java:");
    });
  }

  @Test
  void aBufferReadOnAChannelAndDroppedIsALeakOfTheChannelsOwner() {
    EngineExecutionResults results = NettyRuns.run(ServerReadTestCase.class);

    List<Leak> leaks = NettyRuns.leaksOf(results, "aHandlerDropsWhatItReads");
    assertThat(leaks).singleElement().satisfies(leak -> {
      assertThat(leak.owner()).isEqualTo("ServerReadTestCase > aHandlerDropsWhatItReads(Loop)");
      assertThat(leak.description()).startsWith("ByteBuf leak reported by Netty's ResourceLeakDetector")
          .contains("last accessed at ByteBufLeakTests$ServerReadTestCase$1.channelRead(ByteBufLeakTests.java:");
    });
  }

  @Test
  void aLeakFoundAfterItsTestEndedIsReportedOnTheRunNamingThatTestNotOnTheFinder() {
    EngineExecutionResults results = NettyRuns.run(LateDetectionTestCase.class);

    results.testEvents().assertStatistics(s -> s.succeeded(2));
    Throwable runFailure = results.containerEvents().finished().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElse(null))
        .filter(t -> t instanceof LeakDetectedError).findFirst().orElseThrow();
    assertThat(((LeakDetectedError) runFailure).leaks()).singleElement().satisfies(leak ->
        assertThat(leak.description()).contains("allocated at ByteBufLeakTests.dropABuffer(")
            .contains(" by LateDetectionTestCase > a_dropsABuffer(Loop), which had ended when the leak was found"));
  }
}
