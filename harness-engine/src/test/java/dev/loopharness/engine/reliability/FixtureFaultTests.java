package dev.loopharness.engine.reliability;

import static dev.loopharness.engine.reliability.FaultRuns.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.fixture.FixtureSetupException;
import dev.loopharness.engine.fixture.FixtureTeardownException;
import dev.loopharness.engine.reliability.FaultRuns.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Fixtures that fail at every scope: a setup that throws, one that never completes, one that
 * blocks its loop; teardowns that throw or hang. Each failure lands on the test or container that
 * owns the scope, with the fixture, the loop and the cause; every other teardown still runs.
 */
class FixtureFaultTests {
  static final String PACKAGE = FixtureFaultTests.class.getPackageName();
  static final AtomicInteger SESSION_SETUPS = new AtomicInteger();
  static final List<String> TEARDOWNS = Collections.synchronizedList(new ArrayList<>());

  record Fn() {}

  record Cls() {}

  record Pkg() {}

  record Ses() {}

  record Other() {}

  @BeforeEach
  void reset() {
    SESSION_SETUPS.set(0);
    TEARDOWNS.clear();
  }

  static IllegalStateException boom(Scope scope, String what) {
    return new IllegalStateException(scope.configName() + " " + what);
  }

  static final class ThrowingSetups extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Fn.class).setup(ctx -> {
        throw boom(Scope.FUNCTION, "setup: port 4242 in use");
      });
      fixture(Cls.class).scope(Scope.CLASS).loopScope(Scope.CLASS).setup(ctx -> {
        throw boom(Scope.CLASS, "setup: port 4242 in use");
      });
      fixture(Pkg.class).scope(Scope.PACKAGE).loopScope(Scope.PACKAGE).setup(ctx -> {
        throw boom(Scope.PACKAGE, "setup: port 4242 in use");
      });
      fixture(Ses.class).scope(Scope.SESSION).loopScope(Scope.SESSION).setup(ctx -> {
        SESSION_SETUPS.incrementAndGet();
        throw boom(Scope.SESSION, "setup: port 4242 in use");
      });
      // set up before Ses, and leaks: its leak must stay on the test that set it up
      fixture(Other.class).setup(ctx -> {
        ctx.loop().schedule(Duration.ofHours(1), () -> {});
        return new Other();
      });
    }
  }

  @Fixtures(ThrowingSetups.class)
  static class ThrowingSetupTestCase {
    @AsyncTest
    void function(Fn fn) {}

    @AsyncTest
    void klass(Cls cls) {}

    @AsyncTest
    void pakkage(Pkg pkg) {}

    @AsyncTest
    void session1(Other other, Ses ses) {}

    @AsyncTest
    void session2(Other other, Ses ses) {}

    @AsyncTest
    void needsNone() {}
  }

  @Test
  void aSetupThatThrowsFailsTheTestsThatNeedItAtEveryScopeWithTheFixtureLoopAndCause() {
    Outcome run = FaultRuns.run(FAST, ThrowingSetupTestCase.class);

    assertSetupFailed(run, "function(Fn)", "Fn", Scope.FUNCTION, "function:ThrowingSetupTestCase.function#",
        "java.lang.IllegalStateException: function setup: port 4242 in use");
    assertSetupFailed(run, "klass(Cls)", "Cls", Scope.CLASS, "class:ThrowingSetupTestCase#",
        "java.lang.IllegalStateException: class setup: port 4242 in use");
    assertSetupFailed(run, "pakkage(Pkg)", "Pkg", Scope.PACKAGE, "package:package " + PACKAGE + "#",
        "java.lang.IllegalStateException: package setup: port 4242 in use");
    assertSetupFailed(run, "session1(Other, Ses)", "Ses", Scope.SESSION, "session#",
        "java.lang.IllegalStateException: session setup: port 4242 in use");
    assertSetupFailed(run, "session2(Other, Ses)", "Ses", Scope.SESSION, "session#",
        "java.lang.IllegalStateException: session setup: port 4242 in use");
    assertThat(SESSION_SETUPS).hasValue(1);
    assertThat(run.result("needsNone()").getStatus()).isEqualTo(Status.SUCCESSFUL);
    // each test's own leak is suppressed onto its own failure, never onto the shared setup failure
    for (String test : List.of("session1(Other, Ses)", "session2(Other, Ses)")) {
      assertThat(run.failure(test).getSuppressed()).singleElement()
          .isInstanceOfSatisfying(LeakDetectedError.class, leak -> assertThat(leak.getMessage())
              .startsWith("ThrowingSetupTestCase > " + test + " leaked 1 timer"));
    }
  }

  static void assertSetupFailed(Outcome run, String test, String fixture, Scope scope, String loop,
      String cause) {
    assertThat(run.failure(test)).as(test).isInstanceOf(FixtureSetupException.class);
    assertThat(run.failure(test).getMessage()).as(test)
        .startsWith("fixture " + fixture + " (" + scope + ") failed to set up on loop " + loop)
        .contains(cause);
  }

  static final class NeverCompletingSetups extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Fn.class).setupAsync(ctx -> new CompletableFuture<>());
      fixture(Cls.class).scope(Scope.CLASS).loopScope(Scope.CLASS).setupAsync(ctx -> new CompletableFuture<>());
      fixture(Pkg.class).scope(Scope.PACKAGE).loopScope(Scope.PACKAGE).setupAsync(ctx -> new CompletableFuture<>());
      fixture(Ses.class).scope(Scope.SESSION).loopScope(Scope.SESSION).setupAsync(ctx -> {
        SESSION_SETUPS.incrementAndGet();
        ctx.loop().spawn("handshake", () -> new CompletableFuture<Void>());
        return new CompletableFuture<>();
      });
      // blocks its class loop forever: only the tests that need it notice
      fixture(Other.class).scope(Scope.CLASS).loopScope(Scope.CLASS).setup(ctx -> {
        Thread.sleep(Long.MAX_VALUE);
        return new Other();
      });
    }
  }

  @Fixtures(NeverCompletingSetups.class)
  static class NeverCompletingSetupTestCase {
    @AsyncTest
    void function(Fn fn) {}

    @AsyncTest
    void klass(Cls cls) {}

    @AsyncTest
    void pakkage(Pkg pkg) {}

    @AsyncTest
    void session1(Ses ses) {}

    @AsyncTest
    void session2(Ses ses) {}

    @AsyncTest
    void blocked(Other other) {}

    @AsyncTest
    void needsNone() {}
  }

  @Test
  void aSetupThatNeverCompletesTimesOutAtEveryScopeNamingItsLoopAndWhatIsPendingThere() {
    long started = System.nanoTime();
    Outcome run = FaultRuns.run(FAST, NeverCompletingSetupTestCase.class);

    String timedOut = "did not complete within 300ms (harness.timeout.fixture) on loop ";
    assertSetupFailed(run, "function(Fn)", "Fn", Scope.FUNCTION, "function:", timedOut);
    assertSetupFailed(run, "klass(Cls)", "Cls", Scope.CLASS, "class:NeverCompletingSetupTestCase#", timedOut);
    assertSetupFailed(run, "pakkage(Pkg)", "Pkg", Scope.PACKAGE, "package:", timedOut);
    assertSetupFailed(run, "session1(Ses)", "Ses", Scope.SESSION, "session#",
        "setup of fixture Ses (SESSION) " + timedOut + "session#");
    assertThat(run.failure("session1(Ses)").getMessage())
        .contains("1 pending task ('handshake' spawned at FixtureFaultTests$NeverCompletingSetups.lambda$");
    // remembered: the second test fails at once with the same message, no second setup or wait
    assertThat(run.failure("session2(Ses)").getMessage()).isEqualTo(run.failure("session1(Ses)").getMessage());
    assertThat(SESSION_SETUPS).hasValue(1);
    assertSetupFailed(run, "blocked(Other)", "Other", Scope.CLASS, "class:NeverCompletingSetupTestCase#", timedOut);
    assertThat(run.failure("blocked(Other)").getMessage()).contains("the loop thread is running a callback",
        "Loop thread 'loop-harness class:NeverCompletingSetupTestCase#", "java.lang.Thread.sleep(",
        "FixtureFaultTests$NeverCompletingSetups.lambda$");
    assertThat(run.result("needsNone()").getStatus()).isEqualTo(Status.SUCCESSFUL);
    // what the session setup left is drained at the end of the run and reported on the engine
    assertThat(run.leakEntries()).anySatisfy(e -> assertThat(e).containsEntry("node", "Loop Harness")
        .containsEntry("owner", "fixture Ses (session)").containsEntry("loop-harness.leak", "TASK"));
    // five timeouts of 300ms, not one per test that needed a failed fixture
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  static final class ThrowingTeardowns extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Fn.class).setup(ctx -> new Fn()).teardown(x -> {
        TEARDOWNS.add("Fn");
        throw boom(Scope.FUNCTION, "teardown: connection reset");
      });
      fixture(Other.class).setup(ctx -> new Other()).teardown(x -> {
        TEARDOWNS.add("Other");
        throw boom(Scope.FUNCTION, "teardown: already closed");
      });
      fixture(Cls.class).scope(Scope.CLASS).loopScope(Scope.CLASS).setup(ctx -> new Cls()).teardown(x -> {
        TEARDOWNS.add("Cls");
        throw boom(Scope.CLASS, "teardown: connection reset");
      });
      fixture(Pkg.class).scope(Scope.PACKAGE).loopScope(Scope.PACKAGE).setup(ctx -> new Pkg())
          .teardownAsync(x -> {
            TEARDOWNS.add("Pkg");
            return CompletableFuture.failedFuture(boom(Scope.PACKAGE, "teardown: connection reset"));
          });
      fixture(Ses.class).scope(Scope.SESSION).loopScope(Scope.SESSION).setup(ctx -> new Ses()).teardown(x -> {
        TEARDOWNS.add("Ses");
        throw boom(Scope.SESSION, "teardown: connection reset");
      });
    }
  }

  @Fixtures(ThrowingTeardowns.class)
  static class ThrowingTeardownTestCase {
    @AsyncTest
    void usesAll(Fn fn, Other other, Cls cls, Pkg pkg, Ses ses) {}

    @AsyncTest
    void usesNone() {}
  }

  @Test
  void everyTeardownThatThrowsIsReportedOnItsScopesNodeAndTheOthersStillRun() {
    Outcome run = FaultRuns.run(FAST, ThrowingTeardownTestCase.class);

    assertThat(run.failure("usesAll(Fn, Other, Cls, Pkg, Ses)")).isInstanceOf(FixtureTeardownException.class)
        .hasMessageStartingWith("2 fixture teardowns failed at the end of ThrowingTeardownTestCase > usesAll(")
        .hasMessageContaining("- teardown of fixture Other (FUNCTION) on loop function:ThrowingTeardownTestCase.usesAll#")
        .hasMessageContaining("failed: java.lang.IllegalStateException: function teardown: already closed")
        .hasMessageContaining("- teardown of fixture Fn (FUNCTION) on loop function:ThrowingTeardownTestCase.usesAll#")
        .hasMessageContaining("failed: java.lang.IllegalStateException: function teardown: connection reset");
    assertThat(run.result("usesNone()").getStatus()).isEqualTo(Status.SUCCESSFUL);
    assertTeardownFailed(run, "ThrowingTeardownTestCase", "class ThrowingTeardownTestCase", "Cls (CLASS)",
        "class teardown: connection reset");
    assertTeardownFailed(run, PACKAGE, "package package " + PACKAGE, "Pkg (PACKAGE)",
        "package teardown: connection reset");
    assertTeardownFailed(run, "Loop Harness", "session session", "Ses (SESSION)",
        "session teardown: connection reset");
    assertThat(TEARDOWNS).containsExactly("Other", "Fn", "Cls", "Pkg", "Ses");
  }

  static void assertTeardownFailed(Outcome run, String node, String scope, String fixture, String cause) {
    assertThat(run.failure(node)).as(node).isInstanceOf(FixtureTeardownException.class)
        .hasMessageStartingWith("1 fixture teardown failed at the end of " + scope + ":\n- teardown of fixture "
            + fixture + " on loop ")
        .hasMessageEndingWith(cause);
  }

  static final class HangingTeardowns extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Fn.class).setup(ctx -> new Fn()).teardownAsync(x -> {
        TEARDOWNS.add("Fn");
        return new CompletableFuture<>();
      });
      fixture(Other.class).setup(ctx -> new Other()).teardown(x -> TEARDOWNS.add("Other"));
      fixture(Cls.class).scope(Scope.CLASS).loopScope(Scope.CLASS).setup(ctx -> new Cls()).teardown(x -> {
        TEARDOWNS.add("Cls");
        Thread.sleep(Long.MAX_VALUE);
      });
      fixture(Ses.class).scope(Scope.SESSION).loopScope(Scope.SESSION).setup(ctx -> new Ses()).teardownAsync(x -> {
        TEARDOWNS.add("Ses");
        return new CompletableFuture<>();
      });
    }
  }

  @Fixtures(HangingTeardowns.class)
  static class HangingTeardownTestCase {
    @AsyncTest
    void a_usesAll(Other other, Fn fn, Cls cls, Ses ses) {}

    @AsyncTest
    void b_next() {}
  }

  @Test
  void aTeardownThatNeverCompletesOrBlocksItsLoopTimesOutAndTheRunGoesOn() {
    Outcome run = FaultRuns.run(FAST, HangingTeardownTestCase.class);

    assertThat(run.failure("a_usesAll(Other, Fn, Cls, Ses)")).isInstanceOf(FixtureTeardownException.class)
        .hasMessageStartingWith("1 fixture teardown failed at the end of HangingTeardownTestCase > a_usesAll(")
        .hasMessageContaining("teardown of fixture Fn (FUNCTION) did not complete within 300ms"
            + " (harness.timeout.fixture) on loop function:HangingTeardownTestCase.a_usesAll#");
    assertThat(run.result("b_next()").getStatus()).isEqualTo(Status.SUCCESSFUL);
    assertThat(run.failure("HangingTeardownTestCase")).isInstanceOf(FixtureTeardownException.class)
        .hasMessageContaining("teardown of fixture Cls (CLASS) did not complete within 300ms")
        .hasMessageContaining("the loop thread is running a callback");
    assertThat(run.failure("Loop Harness")).isInstanceOf(FixtureTeardownException.class)
        .hasMessageContaining("teardown of fixture Ses (SESSION) did not complete within 300ms");
    assertThat(TEARDOWNS).containsExactly("Fn", "Other", "Cls", "Ses");
  }
}
