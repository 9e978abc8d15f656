package dev.loopharness.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.loop.LoopProviders;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** harness.loop.provider = netty selects this module's loops; the default provider stays the default. */
class ProviderSelectionTests {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  static class UnwrapTestCase {
    @AsyncTest
    void unwraps(Loop loop) {
      SEEN.clear();
      try {
        EventLoop netty = loop.unwrap(EventLoop.class);
        SEEN.put("eventLoop", netty);
        SEEN.put("group", loop.unwrap(EventLoopGroup.class));
        SEEN.put("inEventLoop", netty.inEventLoop());
        SEEN.put("nio", ((IoEventLoop) netty).isIoType(NioIoHandler.class));
        SEEN.put("executor", loop.asExecutorService());
        SEEN.put("thread", Thread.currentThread().getName());
      } catch (IllegalArgumentException e) {
        SEEN.put("refused", e.getMessage());
      }
    }
  }

  @Test
  void nettyIsSelectedWhenConfiguredAndItsLoopUnwrapsToOneEventLoopThatRunsTheTest() {
    NettyRuns.run(UnwrapTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertThat(SEEN.get("eventLoop")).isInstanceOf(EventLoop.class).isSameAs(SEEN.get("group"))
        .isSameAs(SEEN.get("executor"));
    assertThat(SEEN).containsEntry("inEventLoop", true).containsEntry("nio", true);
    assertThat((String) SEEN.get("thread")).startsWith("loop-harness function:UnwrapTestCase.unwraps#");
  }

  @Test
  void withoutTheSettingTheDefaultLoopRefusesToUnwrapToNettyAndSaysWhichSettingToChange() {
    EngineTestKitDefault.run(UnwrapTestCase.class);

    assertThat((String) SEEN.get("refused")).contains("io.netty.channel.EventLoop")
        .contains("set harness.loop.provider");
  }

  @Test
  void theProviderIsFoundThroughTheServiceLoaderNextToTheDefaultOne() {
    assertThatThrownBy(() -> LoopProviders.open("vertx", new LoopSettings(Duration.ZERO, false)))
        .hasMessageContaining("netty").hasMessageContaining("default")
        .hasMessageContaining("dev.loopharness:harness-vertx");
    try (var group = LoopProviders.open("netty", new LoopSettings(Duration.ZERO, false))) {
      assertThat(group).isInstanceOf(NettyLoopGroup.class);
    }
  }

  /** The engine with its defaults: no provider setting. */
  static final class EngineTestKitDefault {
    static void run(Class<?> testClass) {
      org.junit.platform.testkit.engine.EngineTestKit.engine("loop-harness")
          .configurationParameter("harness.report.console", "false")
          .configurationParameter("harness.report.dir", "target/loop-harness-tests")
          .selectors(selectClass(testClass)).execute()
          .testEvents().assertStatistics(s -> s.succeeded(1));
    }
  }

}
