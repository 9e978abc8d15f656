package dev.loopharness.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * What a Vert.x handler throws reaches the context's exception handler; with none set, it is an
 * UNHANDLED_ERROR of the owner whose callback ran it. A context handler of the test's own handles it.
 */
class UnhandledErrorTests {

  static class ThrowsInAHandlerTestCase {
    @AsyncTest
    CompletionStage<Void> throwsInRunOnContext(Loop loop) {
      Context context = loop.unwrap(Context.class);
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> {
        throw new IllegalStateException("boom from a Vert.x handler");
      });
      context.runOnContext(v -> done.complete());
      return done.future().toCompletionStage();
    }

    @AsyncTest
    CompletionStage<Void> handlesItItself(Loop loop) {
      Context context = loop.unwrap(Context.class);
      Promise<Void> done = Promise.promise();
      context.exceptionHandler(e -> done.complete());
      context.runOnContext(v -> {
        throw new IllegalStateException("boom, handled");
      });
      return done.future().toCompletionStage();
    }
  }

  @Test
  void aHandlersExceptionIsAnUnhandledErrorOfTheOwnerThatRanIt() {
    EngineExecutionResults results = VertxRuns.run(ThrowsInAHandlerTestCase.class);

    assertThat(VertxRuns.leaksOf(results, "throwsInRunOnContext")).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(LeakKind.UNHANDLED_ERROR);
      assertThat(leak.owner()).isEqualTo("ThrowsInAHandlerTestCase > throwsInRunOnContext(Loop)");
      assertThat(leak.description()).startsWith("IllegalStateException: boom from a Vert.x handler"
          + " escaped a Vert.x handler (it reached the context's exception handler; none was set) at"
          + " UnhandledErrorTests$ThrowsInAHandlerTestCase.lambda$throwsInRunOnContext$");
    });
    assertThat(VertxRuns.result(results, "handlesItItself").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
  }
}
