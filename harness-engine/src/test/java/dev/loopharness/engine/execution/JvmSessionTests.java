package dev.loopharness.engine.execution;

import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.LoopHarnessTestEngine;
import dev.loopharness.engine.ReportJson;
import dev.loopharness.engine.fixture.lifetimes.ScopedFixtures;
import dev.loopharness.engine.fixture.lifetimes.alpha.AlphaOneTestCase;
import dev.loopharness.engine.fixture.lifetimes.alpha.AlphaTwoTestCase;
import dev.loopharness.engine.fixture.lifetimes.beta.BetaOneTestCase;
import dev.loopharness.engine.fixture.lifetimes.beta.BetaTwoTestCase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.engine.TestExecutionResult;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session is one JVM: through the real launcher, several executions of one launcher session (as
 * Surefire runs one per class in a fork) share one session loop and one set-up of each SESSION
 * fixture, which ends when the launcher session closes.
 */
class JvmSessionTests {
  private static final List<Class<?>> CLASSES = List.of(AlphaOneTestCase.class,
      AlphaTwoTestCase.class, BetaOneTestCase.class, BetaTwoTestCase.class);

  @TempDir Path dir;
  private final AtomicInteger succeeded = new AtomicInteger();
  private final TestExecutionListener counter = new TestExecutionListener() {
    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
        succeeded.incrementAndGet();
      }
    }
  };

  @BeforeEach
  void clear() {
    ScopedFixtures.EVENTS.clear();
  }

  @Test
  void severalExecutionsOfOneLauncherSessionShareOneSession() {
    try (LauncherSession session = openSession()) {
      for (Class<?> testClass : CLASSES) {
        execute(session, settings(), testClass);
        assertThat(count("setup session")).as("after " + testClass.getSimpleName()).isEqualTo(1);
        assertThat(count("teardown session")).isZero();
      }
      Map<String, Object> meanwhile = ReportJson.parse(ReportJson.onlyPart(dir));
      assertThat(object(meanwhile, "summary")).containsEntry("tests", 8L).containsEntry("complete", false);
    }
    assertThat(count("teardown session")).isEqualTo(1);
    assertThat(ScopedFixtures.EVENTS.get(ScopedFixtures.EVENTS.size() - 1)).startsWith("teardown session#");
    assertThat(count("setup class")).isEqualTo(4);
    assertThat(count("teardown class")).isEqualTo(4);
    assertThat(succeeded.get()).isEqualTo(8);
    Map<String, Object> report = ReportJson.parse(dir.resolve("report.json"));
    assertThat(object(report, "summary")).containsEntry("tests", 8L).containsEntry("successful", 8L)
        .containsEntry("complete", true);
    assertThat(list(report, "jvms")).hasSize(1);
    assertNoHarnessThreadsLeft();
  }

  @Test
  void withLifetimeExecutionEachExecutionIsASession() {
    Map<String, String> settings = settings();
    settings.put("harness.session.lifetime", "execution");
    try (LauncherSession session = openSession()) {
      for (Class<?> testClass : CLASSES) {
        execute(session, settings, testClass);
      }
      assertThat(count("setup session")).isEqualTo(4);
      assertThat(count("teardown session")).isEqualTo(4);
    }
    Map<String, Object> report = ReportJson.parse(dir.resolve("report.json"));
    assertThat(object(report, "summary")).containsEntry("tests", 8L).containsEntry("complete", true);
    assertThat(list(report, "jvms")).as("one part per session, all of this build").hasSize(4);
  }

  @Test
  void anExecutionWithOtherSettingsEndsTheSessionAndStartsItsOwn() {
    try (LauncherSession session = openSession()) {
      execute(session, settings(), AlphaOneTestCase.class);
      Map<String, String> other = settings();
      other.put("harness.timeout.test", "29s");
      execute(session, other, AlphaTwoTestCase.class);
      assertThat(count("setup session")).isEqualTo(2);
      assertThat(count("teardown session")).isEqualTo(1);
    }
    assertThat(count("teardown session")).isEqualTo(2);
    assertThat(succeeded.get()).isEqualTo(4);
  }

  static final class FailingSessionTeardown extends FixtureModule {
    record Server() {}

    @Override
    protected void fixtures() {
      fixture(Server.class).scope(Scope.SESSION).loopScope(Scope.SESSION).setup(ctx -> new Server())
          .teardown(server -> {
            throw new IllegalStateException("session teardown: connection reset");
          });
    }
  }

  @Fixtures(FailingSessionTeardown.class)
  static class UsesSessionServerTestCase {
    @AsyncTest
    void uses(FailingSessionTeardown.Server server) {}
  }

  @Test
  void whatTheSessionsEndFindsFailsTheLauncherSessionAndIsInTheReport() {
    LauncherSession session = openSession();
    execute(session, settings(), UsesSessionServerTestCase.class);
    execute(session, settings(), UsesSessionServerTestCase.class);
    assertThat(succeeded.get()).isEqualTo(2);

    assertThatThrownBy(session::close).hasMessageContaining("1 fixture teardown failed at the end of session session")
        .hasMessageContaining("session teardown: connection reset");
    Map<String, Object> report = ReportJson.parse(dir.resolve("report.json"));
    assertThat(list(report, "containers")).singleElement().satisfies(engine -> assertThat(engine)
        .containsEntry("type", "engine").containsEntry("status", "FAILED")
        .hasEntrySatisfying("failure", f -> assertThat((String) f).contains("session teardown: connection reset")));
    assertThat(object(report, "summary")).containsEntry("containersFailed", 1L).containsEntry("complete", true);
    assertNoHarnessThreadsLeft();
  }

  private Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("harness.report.console", "false");
    settings.put("harness.report.dir", dir.toString());
    return settings;
  }

  private static LauncherSession openSession() {
    return LauncherFactory.openSession(LauncherConfig.builder()
        .enableTestEngineAutoRegistration(false)
        .enableLauncherSessionListenerAutoRegistration(false)
        .enableTestExecutionListenerAutoRegistration(false)
        .addTestEngines(new LoopHarnessTestEngine())
        .build());
  }

  private void execute(LauncherSession session, Map<String, String> settings, Class<?> testClass) {
    session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(testClass)).configurationParameters(settings).build(), counter);
  }

  private static long count(String prefix) {
    return List.copyOf(ScopedFixtures.EVENTS).stream().filter(e -> e.startsWith(prefix)).count();
  }

  static void assertNoHarnessThreadsLeft() {
    long deadline = System.nanoTime() + 3_000_000_000L;
    List<String> left;
    do {
      left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
          .map(Thread::getName).filter(name -> name.startsWith("loop-harness")).toList();
      if (left.isEmpty()) {
        return;
      }
      Thread.onSpinWait();
    } while (System.nanoTime() < deadline);
    assertThat(left).as("harness threads after the launcher session closed").isEmpty();
  }
}
