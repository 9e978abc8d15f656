package dev.loopharness.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Each loop is a Vert.x event-loop context: the one test code runs on, unwrapped by the loop. */
class ContextTests {
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  static class IdentityTestCase {
    @AsyncTest
    CompletionStage<Void> first(Loop loop) {
      SEEN.put("first.loop", loop);
      SEEN.put("first.context", loop.unwrap(Context.class));
      SEEN.put("first.current", Vertx.currentContext());
      SEEN.put("first.vertx", loop.unwrap(Vertx.class));
      SEEN.put("first.eventLoop", loop.unwrap(EventLoop.class));
      SEEN.put("first.contextLoop", ((ContextInternal) loop.unwrap(Context.class)).nettyEventLoop());
      SEEN.put("first.isEventLoopContext", loop.unwrap(Context.class).isEventLoopContext());
      SEEN.put("first.thread", Thread.currentThread().getName());
      Promise<Void> done = Promise.promise();
      // Callbacks Vert.x runs on the context run on the loop, in the context.
      loop.unwrap(Context.class).runOnContext(v -> {
        SEEN.put("first.runOnContext.inLoop", loop.inLoop());
        SEEN.put("first.runOnContext.current", Vertx.currentContext());
        // So do the loop's own callbacks.
        loop.execute(() -> {
          SEEN.put("first.execute.current", Vertx.currentContext());
          done.complete();
        });
      });
      return done.future().toCompletionStage();
    }

    @AsyncTest
    void second(Loop loop) {
      SEEN.put("second.context", loop.unwrap(Context.class));
      SEEN.put("second.vertx", loop.unwrap(Vertx.class));
    }
  }

  @LoopScope(Scope.CLASS)
  static class SharedLoopTestCase {
    @AsyncTest
    void one(Loop loop) {
      SEEN.put("one.context", Vertx.currentContext());
    }

    @AsyncTest
    void two(Loop loop) {
      SEEN.put("two.context", Vertx.currentContext());
      SEEN.put("two.unwrapped", loop.unwrap(Context.class));
    }
  }

  static class BadUnwrapTestCase {
    @AsyncTest
    void unwrapsToSomethingElse(Loop loop) {
      try {
        loop.unwrap(String.class);
      } catch (IllegalArgumentException e) {
        SEEN.put("refused", e.getMessage());
      }
    }
  }

  @Test
  void codeOnTheLoopRunsOnTheLoopsContextAndTheContextIsOnTheLoopsEventLoop() {
    SEEN.clear();
    VertxRuns.run(IdentityTestCase.class).testEvents().assertStatistics(s -> s.succeeded(2));

    Object context = SEEN.get("first.context");
    assertThat(context).isInstanceOf(ContextInternal.class).isSameAs(SEEN.get("first.current"))
        .isSameAs(SEEN.get("first.runOnContext.current")).isSameAs(SEEN.get("first.execute.current"));
    assertThat(SEEN).containsEntry("first.isEventLoopContext", true).containsEntry("first.runOnContext.inLoop", true);
    assertThat(SEEN.get("first.contextLoop")).isSameAs(SEEN.get("first.eventLoop"));
    assertThat((String) SEEN.get("first.thread")).startsWith("loop-harness function:IdentityTestCase.first#");
  }

  @Test
  void everyLoopHasItsOwnContextOnOneVertxForTheRun() {
    SEEN.clear();
    VertxRuns.run(IdentityTestCase.class).testEvents().assertStatistics(s -> s.succeeded(2));

    assertThat(SEEN.get("second.context")).isNotSameAs(SEEN.get("first.context"));
    assertThat(SEEN.get("second.vertx")).isSameAs(SEEN.get("first.vertx"))
        .isSameAs(((Context) SEEN.get("first.context")).owner());
  }

  @Test
  void testsSharingALoopShareItsContext() {
    SEEN.clear();
    VertxRuns.run(SharedLoopTestCase.class).testEvents().assertStatistics(s -> s.succeeded(2));

    assertThat(SEEN.get("one.context")).isNotNull().isSameAs(SEEN.get("two.context")).isSameAs(SEEN.get("two.unwrapped"));
  }

  @Test
  void unwrappingToAnUnknownTypeNamesWhatTheProviderSupports() {
    SEEN.clear();
    VertxRuns.run(BadUnwrapTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1));

    assertThat((String) SEEN.get("refused")).contains("java.lang.String")
        .contains("io.vertx.core.Vertx, io.vertx.core.Context");
  }
}
