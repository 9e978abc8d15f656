package dev.loopharness.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
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

/**
 * A ByteBuf allocated on a harness loop and never released is a RESOURCE leak of the test (or
 * fixture) that allocated it, found at its end at Netty's default level, with no help from the GC.
 */
class ByteBufLeakTests {
  static final String FIX = "never released: call release() on it when done (ReferenceCountUtil.release(msg)"
      + " in a handler that consumes msg, or extend SimpleChannelInboundHandler)";
  private ResourceLeakDetector.Level level;

  @BeforeEach
  void nettysDefaultLevel() {
    level = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
  }

  @AfterEach
  void restore() {
    ResourceLeakDetector.setLevel(level);
  }

  /** Collects garbage and allocates, which is when Netty's detector reports what was collected unreleased. */
  static void collectGarbage() {
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
    void dropsABuffer(Loop loop) {
      dropABuffer();
    }

    @AsyncTest
    void releasesItsBuffers(Loop loop) {
      ByteBuf kept = ByteBufAllocator.DEFAULT.directBuffer(64);
      kept.writeLong(42);
      ByteBuf slice = kept.retainedSlice(0, 4);
      kept.release();
      slice.release();
      Unpooled.copiedBuffer(new byte[] {1, 2}).release();
    }

    @AsyncTest
    void dropsARetainedSlice(Loop loop) {
      ByteBuf kept = ByteBufAllocator.DEFAULT.heapBuffer(16);
      kept.writeLong(42);
      kept.retainedSlice(0, 4);
      kept.release();
    }
  }

  /** Holds a buffer in a constant, made while the first test that touches the class runs. */
  static final class Constants {
    static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
        ByteBufAllocator.DEFAULT.directBuffer(2).writeByte('\r').writeByte('\n'));

    private Constants() {}
  }

  static class StaticInitializerTestCase {
    @AsyncTest
    void loadsAClassWithAConstantBuffer(Loop loop) {
      assertThat(Constants.CRLF.readableBytes()).isEqualTo(2);
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
          }));
    }
  }

  static class ReportedOnceTestCase {
    @AsyncTest
    void a_dropsABuffer(Loop loop) {
      dropABuffer();
    }

    @AsyncTest
    void b_collectsGarbage(Loop loop) {
      collectGarbage();
    }
  }

  @Test
  void aBufferNeverReleasedIsAResourceLeakOfTheTestThatAllocatedItAtItsEnd() {
    EngineExecutionResults results = NettyRuns.run(LeakTestCase.class);

    assertThat(NettyRuns.leaksOf(results, "releasesItsBuffers")).isEmpty();
    List<Leak> leaks = NettyRuns.leaksOf(results, "dropsABuffer");
    assertThat(leaks).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.RESOURCE);
      assertThat(leak.owner()).isEqualTo("LeakTestCase > dropsABuffer(Loop)");
      assertThat(leak.description()).matches("ByteBuf \\(\\w+, capacity 64\\) allocated at"
          + " ByteBufLeakTests\\.dropABuffer\\(ByteBufLeakTests\\.java:\\d+\\), \\Q" + FIX + "\\E;"
          + " left allocated \\(the harness does not release a buffer code may still hold\\)");
      assertThat(leak.creationSite()).startsWith("ByteBufLeakTests.dropABuffer(ByteBufLeakTests.java:");
    });
    assertThat(NettyRuns.leaksOf(results, "dropsARetainedSlice")).singleElement().satisfies(leak ->
        assertThat(leak.creationSite()).startsWith("ByteBufLeakTests$LeakTestCase.dropsARetainedSlice("));
  }

  @Test
  void aBufferReadOnAChannelAndDroppedIsALeakOfTheChannelsOwner() {
    EngineExecutionResults results = NettyRuns.run(ServerReadTestCase.class);

    List<Leak> leaks = NettyRuns.leaksOf(results, "aHandlerDropsWhatItReads");
    assertThat(leaks).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.RESOURCE);
      assertThat(leak.owner()).isEqualTo("ServerReadTestCase > aHandlerDropsWhatItReads(Loop)");
      assertThat(leak.description()).startsWith("ByteBuf (").contains(" allocated by Netty (e.g. read from a channel), " + FIX);
      assertThat(leak.creationSite()).isEmpty();
    });
  }

  @Test
  void aConstantBufferMadeInAStaticInitializerIsNotATestsLeak() {
    EngineExecutionResults results = NettyRuns.run(StaticInitializerTestCase.class);

    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
  }

  @Test
  void withCreationSitesOffTheBufferIsStillALeakOfItsTestWithoutASite() {
    EngineExecutionResults results = NettyRuns.engine()
        .configurationParameter("harness.leaks.creation-sites", "false")
        .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(LeakTestCase.class))
        .execute();

    assertThat(NettyRuns.leaksOf(results, "releasesItsBuffers")).isEmpty();
    assertThat(NettyRuns.leaksOf(results, "dropsABuffer")).singleElement().satisfies(leak -> {
      assertThat(leak.owner()).isEqualTo("LeakTestCase > dropsABuffer(Loop)");
      assertThat(leak.description()).matches("ByteBuf \\(\\w+, capacity 64\\), \\Q" + FIX + "\\E;.*");
      assertThat(leak.creationSite()).isEmpty();
    });
  }

  @Test
  void withNettysLeakDetectionDisabledNothingIsTracked() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    EngineExecutionResults results = NettyRuns.run(LeakTestCase.class);

    results.testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
  }

  @Test
  void atParanoidLevelTheLeakIsReportedAtTheTestsEndAndNotAgainByTheGarbageCollector() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    EngineExecutionResults results = NettyRuns.run(ReportedOnceTestCase.class);

    assertThat(NettyRuns.leaksOf(results, "a_dropsABuffer")).singleElement()
        .satisfies(leak -> assertThat(leak.creationSite()).startsWith("ByteBufLeakTests.dropABuffer("));
    assertThat(NettyRuns.leaksOf(results, "b_collectsGarbage")).isEmpty();
    assertThat(results.containerEvents().finished().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElse(null))
        .filter(t -> t instanceof LeakDetectedError)).isEmpty();
  }
}
