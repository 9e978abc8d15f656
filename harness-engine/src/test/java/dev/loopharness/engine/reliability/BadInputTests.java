package dev.loopharness.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.FixtureModule;
import dev.loopharness.api.Fixtures;
import dev.loopharness.api.TestScoped;
import dev.loopharness.config.HarnessConfigException;
import dev.loopharness.engine.EngineRuns;
import dev.loopharness.engine.execution.TestDeclarationException;
import dev.loopharness.engine.reliability.FaultRuns.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Bad inputs never crash the engine or leave a test without a result: every malformed
 * configuration value, a configuration that does not parse, an unknown key, bad test declarations,
 * modules that cannot be instantiated or configured. Each test gets one failure that names the
 * problem, where it is and the fix; unaffected tests still run. Reuses the declaration and module
 * cases of {@code execution} and {@code fixture} tests, selected by name.
 */
class BadInputTests {
  static final String FIXTURE_CASES = "dev.loopharness.engine.fixture.GraphCases$";

  static class TwoTestsCase {
    @AsyncTest
    void first() {}

    @AsyncTest
    void second() {}
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "harness.default-loop-scope      | module        | function, class, package, session",
      "harness.default-test-loop-scope | 2             | function, class, package, session",
      "harness.cross-loop              | sometimes     | error, warn, allow",
      "harness.time-factor             | 0             | greater than 0",
      "harness.time-factor             | fast          | time-factor",
      "harness.timeout.test            | soon          | duration",
      "harness.timeout.fixture         | 30            | duration",
      "harness.timeout.drain           | -1s           | drain",
      "harness.loop.slow-callback      | slow          | duration",
      "harness.leaks.task              | explode       | fail, warn, ignore",
      "harness.leaks.timer             | FAIL!         | fail, warn, ignore",
      "harness.leaks.resource          | yes           | fail, warn, ignore",
      "harness.leaks.closed-loop       | 1             | fail, warn, ignore",
      "harness.leaks.thread            | loud          | fail, warn, ignore",
      "harness.leaks.blocked-loop      | never         | fail, warn, ignore",
      "harness.leaks.creation-sites    | maybe         | creation-sites",
      "harness.leaks.ignore-threads    | '[\"pool-[\"]' | does not compile",
      "harness.leaks.ignore-threads    | pool-.*       | ignore-threads",
      "harness.fixtures.modules        | Module        | fixtures.modules",
      "harness.parallel.enabled        | sometimes     | parallel.enabled",
      "harness.parallel.classes        | 0             | parallel.classes",
      "harness.parallel.classes        | two           | parallel.classes",
      "harness.report.json             | sometimes     | report.json",
      "harness.report.html             | 2             | report.html",
      "harness.report.console          | loud          | report.console",
      "harness.timeout.tset            | 1s            | harness.timeout.tset",
      "harness.loop.provider           | quantum       | harness.loop.provider = quantum",
  })
  void everyMalformedValueFailsEveryTestNamingTheKeyAndTheValue(String key, String value, String expected) {
    Outcome run = FaultRuns.run(Map.of(key, value), TwoTestsCase.class);

    for (String test : List.of("first()", "second()")) {
      assertThat(run.failure(test).getMessage()).as(test).contains(key.substring("harness.".length()), expected);
    }
    run.results().testEvents().assertStatistics(stats -> stats.started(2).failed(2));
  }

  @Test
  void manyMistakesAtOnceAreReportedTogetherOnEveryTest() {
    Outcome run = FaultRuns.run(Map.of("harness.cross-loop", "sometimes", "harness.timeout.test", "soon",
        "harness.leaks.task", "explode", "harness.timeout.tset", "1s"), TwoTestsCase.class);

    assertThat(run.failure("first()")).isInstanceOf(HarnessConfigException.class)
        .hasMessageStartingWith("Loop Harness found 4 problems in its configuration:")
        .hasMessageContaining("'sometimes'").hasMessageContaining("'soon'").hasMessageContaining("'explode'")
        .hasMessageContaining("tset");
    assertThat(run.failure("second()").getMessage()).isEqualTo(run.failure("first()").getMessage());
  }

  @Test
  void anApplicationConfThatDoesNotParseFailsEveryTestWithItsLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("application.conf"), "harness {\n  timeout {\n    test = 1s\n  \n");
    Outcome run = withApplicationConf(dir, () -> FaultRuns.run(Map.of(), TwoTestsCase.class));

    for (String test : List.of("first()", "second()")) {
      assertThat(run.failure(test)).isInstanceOf(HarnessConfigException.class)
          .hasMessageContaining("1) application.conf: 5: Cannot parse this file");
    }
  }

  @Test
  void aConfigFileThatDoesNotParseFailsEveryTestWithItsLine(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("broken.conf"), "harness.timeout {\n  test = \"1s\n}\n");
    Outcome run = FaultRuns.run(Map.of("harness.config.file", file.toString()), TwoTestsCase.class);

    assertThat(run.failure("first()")).isInstanceOf(HarnessConfigException.class)
        .hasMessageContaining("1) broken.conf: 2: Cannot parse this file");
  }

  @Test
  void aReportDirThatCannotBeWrittenLeavesTheTestsAlone(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    Outcome run = FaultRuns.run(EngineRuns.engine().configurationParameter("harness.report.json", "true")
        .configurationParameter("harness.report.html", "true")
        .configurationParameter("harness.report.dir", file.resolve("reports").toString())
        .selectors(selectClass(TwoTestsCase.class)));

    run.results().testEvents().assertStatistics(stats -> stats.succeeded(2));
    assertThat(run.result("Loop Harness").getStatus()).isEqualTo(Status.SUCCESSFUL);
  }

  static class ThrowingConstructorTestCase {
    ThrowingConstructorTestCase() {
      throw new IllegalStateException("cannot build the test instance");
    }

    @AsyncTest
    void runs() {}
  }

  static class NoDefaultConstructorTestCase {
    NoDefaultConstructorTestCase(String unused) {}

    @AsyncTest
    void runs() {}
  }

  static final class ConstructorThrows extends FixtureModule {
    ConstructorThrows() {
      throw new IllegalStateException("no license");
    }

    @Override
    protected void fixtures() {}
  }

  @Fixtures(ConstructorThrows.class)
  static class ModuleConstructorThrowsTestCase {
    @AsyncTest
    void runs() {}
  }

  record Token(String value) {}

  static final class ProvisionFails extends AbstractModule {
    @Provides
    @TestScoped
    Token token() {
      throw new IllegalStateException("vault sealed");
    }
  }

  @Fixtures(ProvisionFails.class)
  static class ProvisionFailsTestCase {
    @AsyncTest
    void needsToken(Token token) {}

    @AsyncTest
    void needsNothing() {}
  }

  @Test
  void badDeclarationsAndModulesFailTheirOwnTestsOnlyWithTheirProblem() {
    Outcome run = FaultRuns.run(EngineRuns.engine().configurationParameters(FaultRuns.FAST).selectors(
        selectClass("dev.loopharness.engine.execution.BadDeclarationTests$BadSignaturesTestCase"),
        selectClass(FIXTURE_CASES + "NoConstructorTestCase"),
        selectClass(FIXTURE_CASES + "MisDeclaredTestCase"),
        selectClass(FIXTURE_CASES + "DuplicateBindingTestCase"),
        selectClass(ThrowingConstructorTestCase.class),
        selectClass(NoDefaultConstructorTestCase.class),
        selectClass(ModuleConstructorThrowsTestCase.class),
        selectClass(ProvisionFailsTestCase.class),
        selectClass(TwoTestsCase.class)));

    // BadSignaturesTestCase: seven bad declarations and one good test
    for (String test : List.of("hidden()", "shared()", "wrongReturn()", "generic()", "unbound(StringBuilder)",
        "badTimeout()", "returnsNull()")) {
      assertThat(run.failure(test).getMessage()).as(test).contains("BadSignaturesTestCase");
    }
    assertThat(run.failure("hidden()")).isInstanceOf(TestDeclarationException.class)
        .hasMessageContaining("is private").hasMessageContaining("Fix:");
    assertThat(run.failure("unbound(StringBuilder)").getMessage()).contains("[Harness/MissingBinding]");
    assertThat(run.result("fine()").getStatus()).isEqualTo(Status.SUCCESSFUL);
    // the module cases of fixture/, with the messages of their golden files
    assertThat(messagesOf(run, "NoConstructorTestCase")).singleElement().asString()
        .startsWith("Loop Harness refused NoConstructorTestCase > runs() before setting up any fixture:")
        .contains("[Harness/BadModule] module GraphCases.NoDefaultConstructor cannot be instantiated");
    assertThat(messagesOf(run, "MisDeclaredTestCase")).singleElement().asString()
        .contains("[Harness/BadModule] module GraphCases.MisDeclared has 2 configuration errors:");
    assertThat(messagesOf(run, "DuplicateBindingTestCase")).singleElement().asString()
        .contains("[Guice/BindingAlreadySet]");
    assertThat(messagesOf(run, "ModuleConstructorThrowsTestCase")).singleElement().asString()
        .contains("[Harness/BadModule] module BadInputTests.ConstructorThrows cannot be instantiated: its"
            + " constructor threw java.lang.IllegalStateException: no license.");
    assertThat(messagesOf(run, "ThrowingConstructorTestCase")).singleElement().asString()
        .contains("cannot build the test instance");
    assertThat(messagesOf(run, "NoDefaultConstructorTestCase")).singleElement().asString()
        .startsWith("test class NoDefaultConstructorTestCase has no no-argument constructor").contains("Fix:");
    assertThat(run.failure("needsToken(Token)").getMessage())
        .startsWith("fixture Token (FUNCTION) failed to set up on loop function:ProvisionFailsTestCase.needsToken#")
        .contains("java.lang.IllegalStateException: vault sealed");
    assertThat(run.result("needsNothing()").getStatus()).isEqualTo(Status.SUCCESSFUL);
    assertThat(run.result("first()").getStatus()).isEqualTo(Status.SUCCESSFUL);
  }

  @Test
  void aSessionModuleThatCannotBeLoadedFailsEveryTest() {
    Outcome run = FaultRuns.run(Map.of("harness.fixtures.modules", "[\"com.example.NoSuchModule\"]"),
        TwoTestsCase.class);

    assertThat(run.failure("first()").getMessage())
        .contains("[Harness/BadModule] module com.example.NoSuchModule cannot be loaded");
    assertThat(run.failure("second()").getMessage())
        .contains("[Harness/BadModule] module com.example.NoSuchModule cannot be loaded");
  }

  /** The failure messages of the tests of the class with this simple name. */
  static List<String> messagesOf(Outcome run, String testCase) {
    return run.results().testEvents().failed().stream()
        .filter(e -> e.getTestDescriptor().getUniqueId().toString().contains("$" + testCase + "]"))
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable()
            .map(Throwable::getMessage).orElse(""))
        .toList();
  }

  static <T> T withApplicationConf(Path dir, Supplier<T> body) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, previous)) {
      thread.setContextClassLoader(loader);
      return body.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
