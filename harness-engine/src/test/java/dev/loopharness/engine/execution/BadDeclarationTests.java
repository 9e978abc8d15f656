package dev.loopharness.engine.execution;

import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.engine.EngineRuns;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Bad test declarations fail that test with a message naming it and the fix; the rest run. */
class BadDeclarationTests {

  @SuppressWarnings("unused")
  static class BadSignaturesTestCase {
    @AsyncTest
    private void hidden() {}

    @AsyncTest
    static void shared() {}

    @AsyncTest
    String wrongReturn() {
      return "x";
    }

    @AsyncTest
    <T> T generic() {
      return null;
    }

    @AsyncTest
    void unbound(StringBuilder builder) {}

    @AsyncTest(timeout = "soon")
    void badTimeout() {}

    @AsyncTest
    CompletionStage<Void> returnsNull() {
      return null;
    }

    @AsyncTest
    void fine() {}

    @AsyncTest
    @SuppressWarnings("unchecked")
    <T extends CompletionStage<Void>> T stageOfAVariableType() {
      return (T) java.util.concurrent.CompletableFuture.<Void>completedFuture(null);
    }
  }

  @Test
  void eachBadTestFailsWithItsProblemAndTheGoodOneRuns() {
    EngineExecutionResults results = EngineRuns.run(BadSignaturesTestCase.class);
    results.testEvents().assertStatistics(stats -> stats.started(9).succeeded(2).failed(7));
    results.testEvents().assertThatEvents()
        .haveExactly(1, event(test("fine"), finishedSuccessfully()))
        .haveExactly(1, event(test("stageOfAVariableType"), finishedSuccessfully()))
        .haveExactly(1, event(test("hidden"), finishedWithFailure(instanceOf(TestDeclarationException.class),
            message("@AsyncTest method BadSignaturesTestCase.hidden() is private; the engine cannot call it."
                + " Fix: make it package-private, protected or public."))))
        .haveExactly(1, event(test("shared"), finishedWithFailure(message(m -> m.contains("is static")))))
        .haveExactly(1, event(test("wrongReturn"), finishedWithFailure(message(m -> m.contains(
            "returns String; an async test returns void or a CompletionStage")))))
        .haveExactly(1, event(test("generic"), finishedWithFailure(message(m -> m.contains(
            "returns the type variable T")))))
        .haveExactly(1, event(test("unbound"), finishedWithFailure(message(m -> m.contains(
            "[Harness/MissingBinding] BadSignaturesTestCase > unbound(StringBuilder) parameter 1"
                + " (StringBuilder builder) needs StringBuilder, but no module binds it.")))))
        .haveExactly(1, event(test("badTimeout"), finishedWithFailure(message(m -> m.startsWith(
            "@AsyncTest(timeout = \"soon\") on BadSignaturesTestCase.badTimeout() is not a duration")))))
        .haveExactly(1, event(test("returnsNull"), finishedWithFailure(message(m -> m.contains(
            "returned null instead of a CompletionStage")))));
  }
}
