package dev.loopharness.engine.reliability;

import dev.loopharness.engine.ReportJson;
import static dev.loopharness.engine.ReportJson.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.fixture.FixtureSetupException;
import dev.loopharness.engine.reliability.FaultRuns.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Tests that crash in ways that could take a harness down with them: a stack overflow on the loop
 * thread, an exception whose own message throws, an interrupt left on the loop thread. The test
 * fails (or passes) on its own; the loop, the next test and the report are unharmed.
 */
class CrashingTestsTests {

  static final class HostileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage() of a hostile exception");
    }

    @Override
    public String toString() {
      throw new IllegalStateException("toString() of a hostile exception");
    }
  }

  @LoopScope(Scope.CLASS)
  static class CrashesTestCase {
    @AsyncTest
    void a_overflowsTheStack() {
      a_overflowsTheStack();
    }

    @AsyncTest
    CompletionStage<Void> b_failsWithAHostileException() {
      return CompletableFuture.failedFuture(new HostileException());
    }

    @AsyncTest
    void c_throwsAHostileException() {
      throw new HostileException();
    }

    @AsyncTest
    void d_leavesItsLoopThreadInterrupted() {
      Thread.currentThread().interrupt();
    }

    @AsyncTest
    CompletionStage<String> e_next(Loop loop) {
      return loop.submit(() -> {
        assertThat(Thread.currentThread().isInterrupted()).as("interrupted by an earlier test").isFalse();
        return "healthy";
      });
    }
  }

  record Vault() {}

  static final class HostileFixtures extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Vault.class).scope(Scope.SESSION).loopScope(Scope.SESSION).setup(ctx -> {
        throw new HostileException();
      });
    }
  }

  @Fixtures(HostileFixtures.class)
  static class HostileCleanupTestCase {
    @AsyncTest
    void a_closeThrowsAHostileException(Loop loop) {
      loop.track("hostile connection", () -> {
        throw new HostileException();
      });
    }

    @AsyncTest
    void b_needsTheVault(Vault vault) {}

    @AsyncTest
    void c_needsTheVaultToo(Vault vault) {}

    @AsyncTest
    void d_next() {}
  }

  @Test
  void hostileExceptionsFromASetupOrACloseAreReportedWithoutHangingOrLosingTheDrain() {
    Outcome run = FaultRuns.run(FaultRuns.FAST, HostileCleanupTestCase.class);

    assertThat(run.failure("a_closeThrowsAHostileException(Loop)")).isInstanceOf(LeakDetectedError.class)
        .hasMessageContaining("RESOURCE 'hostile connection' opened at")
        .hasMessageContaining("closing it threw ");
    for (String test : List.of("b_needsTheVault(Vault)", "c_needsTheVaultToo(Vault)")) {
      assertThat(run.failure(test)).as(test).isInstanceOf(FixtureSetupException.class)
          .hasMessageStartingWith("fixture Vault (SESSION) failed to set up on loop session#")
          .hasMessageContaining(HostileException.class.getName() + " (its toString() threw java.lang.IllegalStateException)");
    }
    assertThat(run.result("d_next()").getStatus()).isEqualTo(Status.SUCCESSFUL);
  }

  @Test
  void crashesFailOnlyTheirTestAndLeaveTheLoopAndTheReportIntact(@TempDir Path dir) {
    Outcome run = FaultRuns.run(FootprintTests.reportsOn(dir).selectors(selectClass(CrashesTestCase.class)));

    assertThat(run.failure("a_overflowsTheStack()")).isInstanceOf(StackOverflowError.class);
    assertThat(run.failure("b_failsWithAHostileException()")).isInstanceOf(HostileException.class);
    assertThat(run.failure("c_throwsAHostileException()")).isInstanceOf(HostileException.class);
    assertThat(run.result("d_leavesItsLoopThreadInterrupted()").getStatus()).isEqualTo(Status.SUCCESSFUL);
    assertThat(run.result("e_next(Loop)").getStatus())
        .as("e_next: %s", run.result("e_next(Loop)").getThrowable().map(String::valueOf).orElse("passed"))
        .isEqualTo(Status.SUCCESSFUL);
    assertThat(run.result("CrashesTestCase").getStatus()).isEqualTo(Status.SUCCESSFUL);

    Map<String, Object> report = ReportJson.parse(dir.resolve("report.json"));
    assertThat(list(report, "tests")).extracting(t -> t.get("displayName"), t -> t.get("status"))
        .containsExactly(
            tuple("a_overflowsTheStack()", "FAILED"),
            tuple("b_failsWithAHostileException()", "FAILED"),
            tuple("c_throwsAHostileException()", "FAILED"),
            tuple("d_leavesItsLoopThreadInterrupted()", "SUCCESSFUL"),
            tuple("e_next(Loop)", "SUCCESSFUL"));
    assertThat(list(report, "tests").get(1).get("failure")).asString().contains(HostileException.class.getName());
  }
}
