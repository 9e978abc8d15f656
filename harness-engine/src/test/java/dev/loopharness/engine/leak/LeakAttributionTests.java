package dev.loopharness.engine.leak;

import static dev.loopharness.engine.leak.LeakRuns.quietAnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.api.Timer;
import dev.loopharness.api.TrackedResource;
import dev.loopharness.engine.leak.LeakRuns.LeakEntry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Whose leak it is: the test or fixture whose code created the work, across loops and callbacks;
 * reported on the test, or on the container for what a class fixture leaves; never on a neighbour.
 */
class LeakAttributionTests {
  private static final Map<String, String> WORK_FAILS = quietAnd("harness.leaks.task", "fail",
      "harness.leaks.timer", "fail", "harness.leaks.resource", "fail", "harness.leaks.closed-loop", "fail");

  static class FailsAndLeaksTestCase {
    @AsyncTest
    void failsItself(Loop loop) {
      loop.spawn("heartbeat", () -> new CompletableFuture<Void>());
      throw new AssertionError("expected 42 but was 41");
    }
  }

  @Test
  void theTestsOwnFailureWinsAndItsLeaksAreSuppressedOntoIt() {
    LeakRuns run = LeakRuns.run(WORK_FAILS, FailsAndLeaksTestCase.class);
    Throwable failure = run.failure("failsItself(Loop)");
    assertThat(failure).isExactlyInstanceOf(AssertionError.class).hasMessage("expected 42 but was 41");
    assertThat(failure.getSuppressed()).singleElement()
        .isInstanceOfSatisfying(LeakDetectedError.class, leaked -> assertThat(leaked.leaks())
            .extracting(Leak::kind, Leak::owner)
            .containsExactly(tuple(LeakKind.TASK, "FailsAndLeaksTestCase > failsItself(Loop)")));
    assertThat(run.leakEntries("failsItself(Loop)")).extracting(LeakEntry::kind).containsExactly(LeakKind.TASK);
  }

  @LoopScope(Scope.CLASS)
  static class ClassLoopTestCase {
    @AsyncTest
    void a_leavesATaskOnTheClassLoop(Loop loop) {
      loop.spawn("poller", () -> new CompletableFuture<Void>());
    }

    @AsyncTest
    void b_isClean(Loop loop) {}
  }

  @Test
  void whatATestLeavesOnItsClassLoopIsTheTestsAndDoesNotReachTheNextTest() {
    LeakRuns run = LeakRuns.run(WORK_FAILS, ClassLoopTestCase.class);
    assertThat(run.leakEntries()).extracting(LeakEntry::node, LeakEntry::kind, LeakEntry::owner)
        .containsExactly(tuple("a_leavesATaskOnTheClassLoop(Loop)", LeakKind.TASK,
            "ClassLoopTestCase > a_leavesATaskOnTheClassLoop(Loop)"));
    assertThat(run.result("b_isClean(Loop)").getStatus()).isEqualTo(Status.SUCCESSFUL);
    assertThat(run.result("ClassLoopTestCase").getStatus()).isEqualTo(Status.SUCCESSFUL);
  }

  record ClassLoop(Loop loop) {}

  static final class ClassLoopFixtures extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(ClassLoop.class).scope(Scope.CLASS).loopScope(Scope.CLASS).setup(ctx -> new ClassLoop(ctx.loop()));
    }
  }

  @Fixtures(ClassLoopFixtures.class)
  static class OtherLoopTestCase {
    @AsyncTest
    CompletionStage<Void> spawnsFromItsCallbackOnTheClassLoop(ClassLoop other) {
      return other.loop().submit(() -> other.loop().spawn("elsewhere", () -> new CompletableFuture<Void>()))
          .thenAccept(task -> {});
    }

    @AsyncTest
    CompletionStage<Void> spawnsFromACallbackOfItsTask(Loop loop, ClassLoop other) {
      // 'first' completes once the callback it sent to the class loop has spawned 'second' there.
      return loop.<Void>spawn("first", () -> other.loop().submit(() -> {
        other.loop().spawn("second", () -> new CompletableFuture<Void>());
        return null;
      }));
    }
  }

  @Test
  void workSpawnedFromATestsCallbacksOnAnotherLoopIsTheTests() {
    LeakRuns run = LeakRuns.run(WORK_FAILS, OtherLoopTestCase.class);
    assertThat(run.leakEntries()).extracting(LeakEntry::node, LeakEntry::owner, e -> e.description().split(" ")[0])
        .containsExactly(
            tuple("spawnsFromACallbackOfItsTask(Loop, ClassLoop)",
                "OtherLoopTestCase > spawnsFromACallbackOfItsTask(Loop, ClassLoop)", "'second'"),
            tuple("spawnsFromItsCallbackOnTheClassLoop(ClassLoop)",
                "OtherLoopTestCase > spawnsFromItsCallbackOnTheClassLoop(ClassLoop)", "'elsewhere'"));
    assertThat(run.result("OtherLoopTestCase").getStatus()).isEqualTo(Status.SUCCESSFUL);
  }

  record Heartbeat(Timer timer) {}

  record Connection(TrackedResource resource) {}

  static final class LeakyFixtures extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Heartbeat.class).scope(Scope.CLASS).loopScope(Scope.CLASS)
          .setup(ctx -> new Heartbeat(ctx.loop().schedule(Duration.ofSeconds(5), () -> {})));
      fixture(Connection.class)
          .setup(ctx -> new Connection(ctx.loop().track("tcp 127.0.0.1:50112", () -> {})));
    }
  }

  @Fixtures(LeakyFixtures.class)
  static class LeakyFixturesTestCase {
    @AsyncTest
    void a_usesBoth(Heartbeat heartbeat, Connection connection) {}

    @AsyncTest
    void b_usesTheClassOne(Heartbeat heartbeat) {}
  }

  @Test
  void aFixturesLeaksCarryItsNameOnItsTestOrOnTheClassContainer() {
    LeakRuns run = LeakRuns.run(WORK_FAILS, LeakyFixturesTestCase.class);
    assertThat(run.leakEntries()).extracting(LeakEntry::node, LeakEntry::kind, LeakEntry::owner)
        .containsExactly(
            tuple("a_usesBoth(Heartbeat, Connection)", LeakKind.RESOURCE, "fixture Connection (function)"),
            tuple("LeakyFixturesTestCase", LeakKind.TIMER, "fixture Heartbeat (class)"));
    assertThat(run.failure("a_usesBoth(Heartbeat, Connection)")).isInstanceOf(LeakDetectedError.class);
    assertThat(run.result("b_usesTheClassOne(Heartbeat)").getStatus()).isEqualTo(Status.SUCCESSFUL);
    assertThat(run.failure("LeakyFixturesTestCase")).isInstanceOfSatisfying(LeakDetectedError.class,
        error -> assertThat(error.getMessage()).startsWith("class LeakyFixturesTestCase leaked 1 timer:\n"
            + "  TIMER    armed for 5s at LeakAttributionTests$LeakyFixtures.lambda$fixtures$")
            .endsWith("; cancelled\nFix: cancel and await the fixture's background work, and close its"
                + " resources, in its teardown (.teardown or .teardownAsync), which runs on its loop before"
                + " that loop closes."));
  }

  static class NeighboursTestCase {
    static volatile Loop kept;

    @AsyncTest
    void a_leavesEverything(Loop loop) {
      kept = loop;
      loop.spawn("heartbeat", () -> new CompletableFuture<Void>());
      loop.schedule(Duration.ofSeconds(5), () -> {});
      loop.track("tcp 127.0.0.1:50112", () -> {});
    }

    @AsyncTest
    void b_isClean(Loop loop) {}

    @AsyncTest
    CompletionStage<Void> c_isCleanToo(Loop loop) {
      return loop.submit(() -> null).thenAccept(v -> {});
    }
  }

  @Test
  void aLeakingTestNeverPollutesTheNextTestsReport() {
    LeakRuns run = LeakRuns.run(WORK_FAILS, NeighboursTestCase.class);
    assertThat(run.leakEntries()).extracting(LeakEntry::node).containsOnly("a_leavesEverything(Loop)").hasSize(3);
    assertThat(run.result("b_isClean(Loop)").getStatus()).isEqualTo(Status.SUCCESSFUL);
    assertThat(run.result("c_isCleanToo(Loop)").getStatus()).isEqualTo(Status.SUCCESSFUL);
    assertThat(NeighboursTestCase.kept.pendingWork()).isEmpty();
    run.results().containerEvents().assertStatistics(stats -> stats.failed(0));
  }
}
