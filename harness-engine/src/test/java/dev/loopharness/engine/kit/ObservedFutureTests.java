package dev.loopharness.engine.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.engine.leak.Owner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Which uses of a loop-work future count as looking at its outcome. */
class ObservedFutureTests {
  private static final Executor DIRECT = Runnable::run;
  private static final Owner OWNER = Owner.create("ObservedFutureTests > test()");

  static final class Probe extends ObservedFuture<String> {
    @Override
    protected Owner failureOwner() {
      return OWNER;
    }

    @Override
    public String what() {
      return "probe";
    }

    @Override
    public String creationSite() {
      return "";
    }
  }

  @Test
  void everyCompletionStageMethodAndEveryReadObservesIt() {
    CompletableFuture<String> other = CompletableFuture.completedFuture("o");
    Map<String, Consumer<Probe>> uses = new LinkedHashMap<>();
    uses.put("thenApply", f -> f.thenApply(v -> v));
    uses.put("thenApplyAsync", f -> f.thenApplyAsync(v -> v, DIRECT));
    uses.put("thenAccept", f -> f.thenAccept(v -> {}));
    uses.put("thenRun", f -> f.thenRun(() -> {}));
    uses.put("thenCombine", f -> f.thenCombine(other, (a, b) -> a));
    uses.put("thenAcceptBoth", f -> f.thenAcceptBoth(other, (a, b) -> {}));
    uses.put("runAfterBoth", f -> f.runAfterBoth(other, () -> {}));
    uses.put("applyToEither", f -> f.applyToEither(other, v -> v));
    uses.put("acceptEither", f -> f.acceptEither(other, v -> {}));
    uses.put("runAfterEither", f -> f.runAfterEither(other, () -> {}));
    uses.put("thenCompose", f -> f.thenCompose(v -> other));
    uses.put("whenComplete", f -> f.whenComplete((v, e) -> {}));
    uses.put("handle", f -> f.handle((v, e) -> v));
    uses.put("exceptionally", f -> f.exceptionally(e -> "x"));
    uses.put("exceptionallyAsync", f -> f.exceptionallyAsync(e -> "x", DIRECT));
    uses.put("exceptionallyCompose", f -> f.exceptionallyCompose(e -> other));
    uses.put("copy", CompletableFuture::copy);
    uses.put("minimalCompletionStage", CompletableFuture::minimalCompletionStage);
    uses.put("toCompletableFuture", CompletableFuture::toCompletableFuture);
    uses.put("getNow", f -> f.getNow("absent"));
    uses.put("isCompletedExceptionally", CompletableFuture::isCompletedExceptionally);
    for (Map.Entry<String, Consumer<Probe>> use : uses.entrySet()) {
      Probe pending = new Probe();
      use.getValue().accept(pending);
      assertThat(pending.isRetrieved()).as(use.getKey() + " on a pending future").isTrue();
      Probe done = new Probe();
      done.complete("v");
      use.getValue().accept(done);
      assertThat(done.isRetrieved()).as(use.getKey() + " on a completed future").isTrue();
    }
  }

  @Test
  void completingItOrAskingWhetherItIsDoneDoesNot() {
    Probe f = new Probe();
    f.isDone();
    f.complete("v");
    f.isDone();
    assertThat(f.isRetrieved()).isFalse();
  }
}
