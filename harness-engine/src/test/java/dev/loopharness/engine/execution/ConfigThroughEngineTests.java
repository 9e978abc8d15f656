package dev.loopharness.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.api.Scope;
import dev.loopharness.config.HarnessConfigException;
import dev.loopharness.engine.EngineRuns;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Configuration reaches the engine from files and JUnit parameters; bad values fail every test. */
class ConfigThroughEngineTests {
  static final Map<String, Loop> LOOPS = new ConcurrentHashMap<>();

  static class TwoTestsCase {
    @AsyncTest
    void first(Loop loop) {
      LOOPS.put("first", loop);
    }

    @AsyncTest
    void second(Loop loop) {
      LOOPS.put("second", loop);
    }
  }

  @Test
  void configFileSetsTheDefaultTestLoopScopeAndParametersOverrideIt() {
    LOOPS.clear();
    EngineRuns.engine().configurationParameter("harness.config.file", "src/test/resources/configs/class-loops.conf")
        .selectors(selectClass(TwoTestsCase.class)).execute()
        .testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(LOOPS.get("first")).isSameAs(LOOPS.get("second"));
    assertThat(LOOPS.get("first").scope()).isEqualTo(Scope.CLASS);

    LOOPS.clear();
    EngineRuns.engine().configurationParameter("harness.config.file", "configs/class-loops.conf")
        .configurationParameter("harness.default-test-loop-scope", "function")
        .selectors(selectClass(TwoTestsCase.class)).execute()
        .testEvents().assertStatistics(s -> s.succeeded(2));
    assertThat(LOOPS.get("first").scope()).isEqualTo(Scope.FUNCTION);
  }

  @Test
  void badConfigurationFailsEveryTestWithAllProblemsAndTheirOrigins() {
    EngineExecutionResults results = EngineRuns.engine()
        .configurationParameter("harness.config.file", "src/test/resources/configs/two-mistakes.conf")
        .selectors(selectClass(TwoTestsCase.class)).execute();
    results.testEvents().assertStatistics(s -> s.started(2).failed(2));
    results.testEvents().assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(
        instanceOf(HarnessConfigException.class),
        message(m -> m.startsWith("Loop Harness found 2 problems in its configuration:")
            && m.contains("two-mistakes.conf: 2:") && m.contains("'module'")
            && m.contains("two-mistakes.conf: 4:") && m.contains("'soon'")))));
  }

  @Test
  void badParameterValueIsNamedWithItsParameter() {
    EngineRuns.engine().configurationParameter("harness.cross-loop", "sometimes")
        .selectors(selectClass(TwoTestsCase.class)).execute()
        .testEvents().assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(
            message(m -> m.contains("harness.cross-loop") && m.contains("sometimes")
                && m.contains("error, warn, allow")))));
  }

  @Test
  void unknownLoopProviderFailsEveryTestNamingTheArtifactToAdd() {
    EngineRuns.engine().configurationParameter("harness.loop.provider", "netty")
        .selectors(selectClass(TwoTestsCase.class)).execute()
        .testEvents().assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(
            message(m -> m.contains("harness.loop.provider = netty, but no loop provider with that id")
                && !m.contains("Did you mean")
                && m.contains("dev.loopharness:harness-netty")))));
  }

  @Test
  void vertxWithoutItsModuleFailsEveryTestNamingTheArtifactToAdd() {
    EngineRuns.engine().configurationParameter("harness.loop.provider", "vertx")
        .selectors(selectClass(TwoTestsCase.class)).execute()
        .testEvents().assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(
            message(m -> m.contains("harness.loop.provider = vertx, but no loop provider with that id"
                    + " is on the test classpath (found: ")
                && m.contains("Fix: add the artifact dev.loopharness:harness-vertx to the test dependencies,"
                    + " or set harness.loop.provider = default.")))));
  }
}
