package dev.loopharness.sample.seed;

import static dev.loopharness.api.LeakKind.RESOURCE;
import static dev.loopharness.api.LeakKind.TIMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.sample.vertx.GreetingServiceBadTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the Vert.x bad twins ({@link GreetingServiceBadTest}) on Vert.x loops through the real
 * engine and checks what the harness reports: kind, owner and text of each leak, and, word for
 * word (ports, deployment numbers and what changes from run to run elided), the output quoted in
 * the README's "Vert.x loops" section.
 */
class VertxScenariosTests {
  private static final String README_BLOCK = "vertx-bad-twins";
  private static ScenarioRun run;

  @BeforeAll
  static void runTheBadTwinsOnVertx() {
    // JVM warm-up (Vert.x's classes load in the run's first test) can hold a loop past slow-callback.
    run = ScenarioRun.of(GreetingServiceBadTest.class,
        Map.of("harness.loop.provider", "vertx", "harness.leaks.blocked-loop", "ignore"));
  }

  @Test
  void aForgottenPeriodicTimerIsATimerLeakOfItsTest() {
    assertThat(leaks("forgetsItsPeriodicTimer(Loop, GreetingClient)")).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(TIMER);
      assertThat(leak.owner()).isEqualTo("GreetingServiceBadTest > forgetsItsPeriodicTimer(Loop, GreetingClient)");
      assertThat(leak.description()).matches("armed every 1s at GreetingServiceBadTest\\.forgetsItsPeriodicTimer"
          + "\\(GreetingServiceBadTest\\.java:\\d+\\); cancelled");
    });
  }

  @Test
  void aServerLeftListeningIsAResourceLeakWithItsAddress() {
    assertThat(leaks("leavesItsServerListening(Loop)")).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(RESOURCE);
      assertThat(leak.description()).matches("Vert\\.x HTTP server listening on 127\\.0\\.0\\.1:\\d+ opened at"
          + " GreetingServer\\.start\\(GreetingServer\\.java:\\d+\\), never closed; closed by the harness");
    });
  }

  @Test
  void aVerticleNeverUndeployedIsAResourceLeakUndeployedByTheHarness() {
    assertThat(leaks("neverUndeploysItsVerticle(Loop)")).singleElement().satisfies(leak -> {
      assertThat(leak.kind()).isEqualTo(RESOURCE);
      assertThat(leak.description()).matches("Vert\\.x verticle GreetingVerticle \\(deployment \\d+\\) deployed at"
          + " GreetingServiceBadTest\\.neverUndeploysItsVerticle\\(GreetingServiceBadTest\\.java:\\d+\\),"
          + " never undeployed; closed by the harness");
    });
  }

  @Test
  void theReadmeQuotesWhatTheHarnessSays() {
    String actual = run.transcript()
        .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
        .replaceAll("\\(deployment \\d+\\)", "(deployment N)");
    if (ReadmeBlocks.UPDATE && !actual.equals(ReadmeBlocks.block(README_BLOCK))) {
      ReadmeBlocks.replace(README_BLOCK, actual);
    }
    assertThat(actual).as("the README's <!-- seed:%s --> block (rewrite it with"
        + " -Dseed.readme.update=true, then review the diff)", README_BLOCK).isEqualTo(ReadmeBlocks.block(README_BLOCK));
  }

  private static List<Leak> leaks(String test) {
    Throwable failure = run.failure(test);
    assertThat(failure).isInstanceOf(LeakDetectedError.class);
    return ((LeakDetectedError) failure).leaks();
  }
}
