package dev.loopharness.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.loop.LoopProviders;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** harness.loop.provider = vertx selects this module's loops; without it the default loop says what to set. */
class ProviderSelectionTests {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  static class UnwrapTestCase {
    @AsyncTest
    void unwraps(Loop loop) {
      SEEN.clear();
      try {
        SEEN.put("vertx", loop.unwrap(Vertx.class));
        SEEN.put("context", loop.unwrap(Context.class));
      } catch (IllegalArgumentException e) {
        SEEN.put("refused", e.getMessage());
      }
    }
  }

  @Test
  void vertxIsSelectedWhenConfigured() {
    VertxRuns.run(UnwrapTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertThat(SEEN.get("vertx")).isInstanceOf(Vertx.class);
    assertThat(SEEN.get("context")).isInstanceOf(Context.class);
  }

  @Test
  void withoutTheSettingTheDefaultLoopRefusesToUnwrapToVertxAndSaysWhichSettingToChange() {
    EngineTestKit.engine("loop-harness")
        .configurationParameter("harness.report.console", "false")
        .configurationParameter("harness.report.dir", "target/loop-harness-tests")
        .selectors(selectClass(UnwrapTestCase.class)).execute()
        .testEvents().assertStatistics(s -> s.succeeded(1));

    assertThat((String) SEEN.get("refused")).contains("io.vertx.core.Vertx").contains("set harness.loop.provider");
  }

  @Test
  void theProviderIsFoundThroughTheServiceLoaderAndItsGroupStopsVertxWhenClosed() throws Exception {
    Vertx vertx;
    try (LoopGroup group = LoopProviders.open("vertx", new LoopSettings(Duration.ZERO, false))) {
      assertThat(group).isInstanceOf(VertxLoopGroup.class);
      vertx = ((VertxLoopGroup) group).runtime().vertx();
      // Vert.x's own acceptor thread starts with a first server.
      vertx.createNetServer().connectHandler(so -> {}).listen(0, "127.0.0.1")
          .compose(server -> server.close()).toCompletionStage().toCompletableFuture().get();
    }
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
        && (t.getName().startsWith("vert.x-") || t.getName().startsWith("vertx-blocked-thread-checker")));
  }
}
