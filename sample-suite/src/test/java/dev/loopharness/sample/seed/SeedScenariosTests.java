package dev.loopharness.sample.seed;

import static dev.loopharness.api.LeakKind.BLOCKED_LOOP;
import static dev.loopharness.api.LeakKind.CLOSED_LOOP;
import static dev.loopharness.api.LeakKind.TASK;
import static dev.loopharness.api.LeakKind.THREAD;
import static dev.loopharness.api.LeakKind.TIMER;
import static dev.loopharness.api.LeakKind.UNHANDLED_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.api.LoopClosedException;
import dev.loopharness.sample.seed.ScenarioRun.LeakEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the bad twin of every seed scenario through the real engine and checks what the harness
 * reports: the kind and owner of each leak, the failure and its fix, and, word for word (times
 * and numbers that change from run to run elided), the output quoted in the README's "The seed's
 * scenarios" section.
 */
class SeedScenariosTests {
  static final String WORK_FIX =
      "Fix: cancel and await background work, and close resources, before the test's stage completes\n"
          + "(or move them into a fixture with a teardown).";
  static final String CLOSED_LOOP_FIX =
      "Fix: do not keep objects that use a loop beyond its scope: give the object's fixture a loopScope"
          + " at least as wide as its scope, or close it before its scope ends.";
  // JVM warm-up (class loading in a run's first test) can hold a loop past slow-callback: only
  // the scenario about blocking keeps blocked-loop reports on.
  private static final Map<String, String> QUIET = Map.of("harness.leaks.blocked-loop", "ignore");
  // The launcher logs the refusals of FixtureLoopScopeBadTest and CrossLoopFixtureBadTest as
  // discovery warnings; here they are expected, and checked below, so they stay out of the build log.
  private static final Logger DISCOVERY_ISSUES =
      Logger.getLogger("org.junit.platform.launcher.core.DiscoveryIssueNotifier");
  private static Level discoveryIssuesLevel;

  @BeforeAll
  static void quietExpectedDiscoveryWarnings() {
    discoveryIssuesLevel = DISCOVERY_ISSUES.getLevel();
    DISCOVERY_ISSUES.setLevel(Level.SEVERE);
  }

  @AfterAll
  static void restoreDiscoveryWarningsAndStopTheLeakedThread() {
    DISCOVERY_ISSUES.setLevel(discoveryIssuesLevel);
    if (LeakedThreadBadTest.lookups != null) {
      LeakedThreadBadTest.lookups.shutdownNow();
    }
  }

  /** 1. A client cached by one test and reused by the next, after the first test's loop closed. */
  @Test
  void closedLoopReuse() {
    ScenarioRun run = ScenarioRun.of(ClosedLoopReuseBadTest.class, QUIET);
    String first = "ClosedLoopReuseBadTest > firstTestCachesAClient(Loop, ServerPort)";
    String second = "ClosedLoopReuseBadTest > secondTestReusesIt()";

    assertThat(leaks(run.failure("firstTestCachesAClient(Loop, ServerPort)")))
        .extracting(Leak::kind, Leak::owner, SeedScenariosTests::siteFile)
        .containsExactly(tuple(TIMER, first, "Poller.start(Poller.java:"),
            tuple(TIMER, first, "KvClient.established(KvClient.java:"));
    Throwable refused = run.failure("secondTestReusesIt()");
    assertThat(refused).isInstanceOfSatisfying(LoopClosedException.class, closed -> {
      assertThat(closed.loopName()).startsWith("function:ClosedLoopReuseBadTest.firstTestCachesAClient#");
      assertThat(closed.getMessage())
          .contains("it belonged to " + first + " (function scope)")
          .contains("by the harness, after test " + first + " ended")
          .endsWith("Fix: do not keep objects that use this loop beyond its scope: give the object's"
              + " fixture a loopScope at least as wide as its scope, or close it before its scope ends.");
    });
    assertThat(leaks(refused.getSuppressed()[0]))
        .extracting(Leak::kind, Leak::owner, SeedScenariosTests::siteFile)
        .containsExactly(tuple(CLOSED_LOOP, second, "KvClient.request(KvClient.java:"));
    assertThat(refused.getSuppressed()[0].getMessage()).endsWith(CLOSED_LOOP_FIX);
    matchesReadme("closed-loop-reuse", run);
  }

  /** 2. Background work left running when the test ends. */
  @Test
  void danglingTask() {
    ScenarioRun run = ScenarioRun.of(DanglingTaskBadTest.class, QUIET);
    String owner = "DanglingTaskBadTest > leavesItsRefresherRunning(Loop)";

    Throwable failure = run.failure("leavesItsRefresherRunning(Loop)");
    assertThat(leaks(failure)).extracting(Leak::kind, Leak::owner, SeedScenariosTests::siteFile).containsExactly(
        tuple(TASK, owner, "DanglingTaskBadTest.leavesItsRefresherRunning(DanglingTaskBadTest.java:"),
        tuple(TIMER, owner, "Refresher$1.run(Refresher.java:"));
    assertThat(failure.getMessage()).endsWith(WORK_FIX);
    assertThat(run.leakEntries()).extracting(LeakEntry::kind, LeakEntry::policy)
        .containsExactly(tuple(TASK, "fail"), tuple(TIMER, "fail"));
    matchesReadme("dangling-task", run);
  }

  /** 3. A connection dropped unclosed, whose Cleaner later schedules the close on a closed loop. */
  @Test
  void cleanerClose() {
    ScenarioRun run = ScenarioRun.of(CleanerCloseBadTest.class, QUIET);
    String first = "CleanerCloseBadTest > firstTestLeavesItsClientOpen(Loop, ServerPort)";

    assertThat(leaks(run.failure("firstTestLeavesItsClientOpen(Loop, ServerPort)")))
        .extracting(Leak::kind, Leak::owner)
        .containsExactly(tuple(TIMER, first), tuple(TIMER, first));
    assertThat(run.result("laterTheGarbageCollectorRuns(Loop)").getThrowable()).isEmpty();
    Throwable atTheEnd = run.failure("Loop Harness");
    assertThat(leaks(atTheEnd)).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(CLOSED_LOOP);
      assertThat(leak.owner()).isEqualTo("work that outlived its owner");
      assertThat(leak.description())
          .startsWith("execute (through asExecutorService) submitted to loop"
              + " function:CleanerCloseBadTest.firstTestLeavesItsClientOpen#")
          .contains("from thread 'Cleaner-")
          .endsWith("by the harness, after test " + first + " ended");
    });
    assertThat(atTheEnd.getMessage()).endsWith(CLOSED_LOOP_FIX);
    matchesReadme("cleaner-close", run);
  }

  /** 4. A session fixture on a function loop: refused before any setup, with the config's origin. */
  @Test
  void fixtureLoopScope() {
    ScenarioRun run = ScenarioRun.of(FixtureLoopScopeBadTest.class, QUIET);

    assertThat(run.failure("usesTheSessionServer(KvServer)").getMessage())
        .contains("[Harness/LoopScopeTooNarrow] fixture KvServer has scope SESSION but runs on a FUNCTION"
            + " loop (harness.default-loop-scope = function, application.conf: 7).")
        .contains("Fix: .loopScope(Scope.SESSION) on the fixture, or harness.default-loop-scope = session.")
        .contains("Declared at: SessionServerOnFunctionLoop.fixtures(SessionServerOnFunctionLoop.java:15)");
    assertThat(run.leakEntries()).isEmpty();
    matchesReadme("fixture-loop-scope", run);
  }

  /** 5. A fixture built on the class loop used by a test on its own loop: a warning, or a refusal. */
  @Test
  void crossLoopFixture() {
    ScenarioRun warned = ScenarioRun.of(CrossLoopFixtureBadTest.class, QUIET);
    String test = "CrossLoopFixtureBadTest > usesAClassLoopFixtureFromItsOwnLoop(KeySpace)";

    assertThat(warned.result("usesAClassLoopFixtureFromItsOwnLoop(KeySpace)").getThrowable()).isEmpty();
    assertThat(warned.entries(ScenarioRun.CROSS_LOOP_KEY)).singleElement().asString()
        .startsWith("[Harness/CrossLoop] " + test + " runs on a FUNCTION loop but uses fixture KeySpace,"
            + " which runs on the CLASS loop")
        .contains("Fix: @LoopScope(Scope.CLASS) on the test");
    matchesReadme("cross-loop-fixture", warned);

    ScenarioRun refused = ScenarioRun.of(CrossLoopFixtureBadTest.class, Map.of("harness.cross-loop", "error",
        "harness.leaks.blocked-loop", "ignore",
        "harness.report.dir", ScenarioRun.REPORTS + "CrossLoopFixtureBadTest-error"));
    assertThat(refused.failure("usesAClassLoopFixtureFromItsOwnLoop(KeySpace)").getMessage())
        .startsWith("Loop Harness refused " + test + " before setting up any fixture")
        .contains("Policy: harness.cross-loop = error");
  }

  /** 6. A test that blocks its own loop waiting for an answer only that loop can deliver. */
  @Test
  void blockedLoop() {
    ScenarioRun run = ScenarioRun.of(BlockedLoopBadTest.class, Map.of());
    String owner = "BlockedLoopBadTest > waitsForTheAnswerOnTheLoop(KvClient)";

    assertThat(run.failure("waitsForTheAnswerOnTheLoop(KvClient)")).isInstanceOf(TimeoutException.class);
    assertThat(run.leakEntries()).filteredOn(entry -> entry.description().contains("BlockedLoopBadTest."))
        .singleElement().satisfies(entry -> {
          assertThat(entry.kind()).isEqualTo(BLOCKED_LOOP);
          assertThat(entry.policy()).isEqualTo("warn");
          assertThat(entry.owner()).isEqualTo(owner);
          assertThat(entry.description())
              .contains("for more than 100ms (harness.loop.slow-callback)")
              .contains("at java.util.concurrent.CompletableFuture.get(")
              .contains("at dev.loopharness.sample.seed.BlockedLoopBadTest.waitsForTheAnswerOnTheLoop(");
        });
    matchesReadme("blocked-loop", run);
  }

  /** 7. A thread started by a test and still alive after it. */
  @Test
  void leakedThread() {
    ScenarioRun run = ScenarioRun.of(LeakedThreadBadTest.class, QUIET);

    assertThat(run.result("leavesItsLookupThreadRunning(ServerPort)").getThrowable()).isEmpty();
    assertThat(run.leakEntries()).singleElement().satisfies(entry -> {
      assertThat(entry.kind()).isEqualTo(THREAD);
      assertThat(entry.policy()).isEqualTo("warn");
      assertThat(entry.owner()).isEqualTo("LeakedThreadBadTest > leavesItsLookupThreadRunning(ServerPort)");
      assertThat(entry.description())
          .startsWith("'legacy-lookup' (daemon) started at LeakedThreadBadTest.")
          .contains("shut the executor down");
    });
    matchesReadme("leaked-thread", run);
  }

  /** A creation site without its line number, e.g. {@code Poller.start(Poller.java:}. */
  private static String siteFile(Leak leak) {
    return leak.creationSite().replaceAll(":\\d+\\)$", ":");
  }

  private static List<Leak> leaks(Throwable failure) {
    assertThat(failure).isInstanceOf(LeakDetectedError.class);
    return ((LeakDetectedError) failure).leaks();
  }

  /** 8. A task whose failure nobody retrieved: the test passed without the harness. */
  @Test
  void unretrievedError() {
    ScenarioRun run = ScenarioRun.of(UnretrievedErrorBadTest.class, QUIET);
    String owner = "UnretrievedErrorBadTest > forgetsTheTaskItStarted(Loop, KvClient)";

    Throwable failure = run.failure("forgetsTheTaskItStarted(Loop, KvClient)");
    assertThat(leaks(failure)).extracting(Leak::kind, Leak::owner).containsExactly(tuple(UNHANDLED_ERROR, owner));
    assertThat(leaks(failure).get(0).creationSite())
        .startsWith("UnretrievedErrorBadTest.forgetsTheTaskItStarted(UnretrievedErrorBadTest.java:");
    assertThat(leaks(failure).get(0).description())
        .contains("failed with NumberFormatException: For input string: \"ten\"");
    assertThat(failure.getMessage()).endsWith("Fix: handle errors where they happen (try/catch in the callback;"
        + " handle, exceptionally or whenComplete on the task), or return or join the task so that its failure"
        + " reaches the test.");
    assertThat(run.leakEntries()).extracting(LeakEntry::kind, LeakEntry::policy)
        .containsExactly(tuple(UNHANDLED_ERROR, "fail"));
    matchesReadme("unretrieved-error", run);
  }

  private static void matchesReadme(String block, ScenarioRun run) {
    String actual = run.transcript();
    if (ReadmeBlocks.UPDATE && !actual.equals(ReadmeBlocks.block(block))) {
      ReadmeBlocks.replace(block, actual);
    }
    assertThat(actual).as("the README's <!-- seed:%s --> block (rewrite it with"
        + " -Dseed.readme.update=true, then review the diff)", block).isEqualTo(ReadmeBlocks.block(block));
  }
}
