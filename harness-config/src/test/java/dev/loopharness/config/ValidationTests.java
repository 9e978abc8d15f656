package dev.loopharness.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigException;
import dev.loopharness.api.LeakKind;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad value, reported with its origin; whole messages are pinned by golden files. */
class ValidationTests {
  private static final String PARAMETER = "JUnit configuration parameter ";

  @TempDir Path dir;

  @Test
  void reportsEveryProblemOfAFileAtOnce() {
    assertThat(TestConfigs.failureOf("two-problems.conf"))
        .hasMessage(TestConfigs.golden("two-problems.txt"));
  }

  @Test
  void reportsOneOfEveryKindOfMistake() {
    assertThat(TestConfigs.failureOf("many-problems.conf"))
        .hasMessage(TestConfigs.golden("many-problems.txt"));
  }

  @Test
  void reportsProblemsFromEveryLayerTogether() throws IOException {
    String applicationConf = "harness {\n  cross-loop = refuse\n}\n";
    try (URLClassLoader classLoader = TestConfigs.withApplicationConf(dir, applicationConf)) {
      HarnessConfigException failure =
          TestConfigs.withSystemProperties(
              Map.of("harness.report.json", "sometimes"),
              () ->
                  TestConfigs.failure(
                      () ->
                          HarnessConfig.load(
                              classLoader,
                              TestConfigs.parameters(
                                  "harness.config.file", "configs/two-problems.conf",
                                  "harness.parallel.classes", "many",
                                  "harness.leaks.ignore-threads", "pool-.*",
                                  "harness.timout.test", "5s"))));

      assertThat(failure).hasMessage(TestConfigs.golden("layered-problems.txt"));
    }
  }

  @Test
  void unknownScopeNamesTheValueAndTheAllowedOnes() {
    assertThat(TestConfigs.failureWith("harness.default-test-loop-scope", "method").problems())
        .containsExactly(
            PARAMETER + "harness.default-test-loop-scope: Invalid value at"
                + " 'harness.default-test-loop-scope': expected one of function, class, package,"
                + " session, got 'method'");
  }

  @Test
  void unknownPolicyNamesTheAllowedOnes() {
    assertThat(TestConfigs.failureWith("harness.leaks.closed-loop", "explode").problems())
        .containsExactly(
            PARAMETER + "harness.leaks.closed-loop: Invalid value at 'harness.leaks.closed-loop':"
                + " expected one of fail, warn, ignore, got 'explode'");
  }

  @Test
  void unknownCrossLoopPolicyNamesTheAllowedOnes() {
    assertThat(TestConfigs.failureWith("harness.cross-loop", "deny").problems())
        .containsExactly(
            PARAMETER + "harness.cross-loop: Invalid value at 'harness.cross-loop': expected one"
                + " of error, warn, allow, got 'deny'");
  }

  @Test
  void valuesAreMatchedIgnoringCase() {
    HarnessConfig config =
        TestConfigs.load("harness.cross-loop", "ERROR", "harness.leaks.task", "Warn");

    assertThat(config.crossLoop()).isEqualTo(CrossLoopPolicy.ERROR);
    assertThat(config.leakPolicy(LeakKind.TASK)).isEqualTo(LeakPolicy.WARN);
  }

  @Test
  void durationNeedsAUnitAndMustBePositive() {
    assertThat(
            TestConfigs.failureWith(
                    "harness.timeout.test", "30",
                    "harness.timeout.fixture", "-1s",
                    "harness.timeout.drain", "-1s",
                    "harness.loop.slow-callback", "0ms")
                .problems())
        .containsExactly(
            PARAMETER + "harness.timeout.test: Invalid value at 'harness.timeout.test': expected a"
                + " duration such as 30s or 200ms, got '30'",
            PARAMETER + "harness.timeout.fixture: Invalid value at 'harness.timeout.fixture':"
                + " expected a duration greater than zero such as 30s or 200ms, got '-1s'",
            PARAMETER + "harness.timeout.drain: Invalid value at 'harness.timeout.drain': expected"
                + " a duration of zero or more such as 30s or 200ms, got '-1s'",
            PARAMETER + "harness.loop.slow-callback: Invalid value at 'harness.loop.slow-callback':"
                + " expected a duration greater than zero such as 30s or 200ms, got '0ms'");
  }

  @Test
  void timeFactorMustBeGreaterThanZero() {
    for (String factor : new String[] {"0", "-2", "fast", "NaN"}) {
      assertThat(TestConfigs.failureWith("harness.time-factor", factor).problems())
          .containsExactly(
              PARAMETER + "harness.time-factor: Invalid value at 'harness.time-factor': expected a"
                  + " number greater than 0 such as 1.5, got '" + factor + "'");
    }
  }

  @Test
  void parallelClassesMustBeAWholeNumberOfAtLeastOne() {
    for (String classes : new String[] {"0", "2.5", "-1"}) {
      assertThat(TestConfigs.failureWith("harness.parallel.classes", classes).problems())
          .containsExactly(
              PARAMETER + "harness.parallel.classes: Invalid value at 'harness.parallel.classes':"
                  + " expected a whole number of at least 1 such as 2, got '" + classes + "'");
    }
  }

  @Test
  void badRegexNamesTheRegexAndTheError() {
    assertThat(
            TestConfigs.failureWith("harness.leaks.ignore-threads", "[\"ok-.*\", \"*oops\"]")
                .problems())
        .containsExactly(
            PARAMETER + "harness.leaks.ignore-threads: Invalid regex at"
                + " 'harness.leaks.ignore-threads[1]': '*oops' does not compile: Dangling meta"
                + " character '*' near index 0");
  }

  @Test
  void aStringWhereAListBelongsIsAWrongType() {
    assertThat(
            TestConfigs.failureWith("harness.fixtures.modules", "com.example.EchoModule")
                .problems())
        .containsExactly(
            PARAMETER + "harness.fixtures.modules: Invalid value at 'harness.fixtures.modules':"
                + " expected a list such as [\"com.example.EchoModule\"], got"
                + " 'com.example.EchoModule'");
  }

  @Test
  void fixtureModulesMustBeClassNames() {
    assertThat(
            TestConfigs.failureWith(
                    "harness.fixtures.modules", "[com.example.EchoModule, \"not a class\", 42]")
                .problems())
        .containsExactly(
            PARAMETER + "harness.fixtures.modules: Invalid value at 'harness.fixtures.modules[1]':"
                + " expected a fully qualified class name such as com.example.EchoModule, got"
                + " 'not a class'",
            PARAMETER + "harness.fixtures.modules: Invalid value at 'harness.fixtures.modules[2]':"
                + " expected a fully qualified class name such as com.example.EchoModule, got"
                + " '42'");
  }

  @Test
  void aListWhereAStringBelongsIsAWrongType() throws IOException {
    String applicationConf = "harness.loop {\n  provider = [netty]\n}\n";
    try (URLClassLoader classLoader = TestConfigs.withApplicationConf(dir, applicationConf)) {
      assertThat(TestConfigs.failure(() -> HarnessConfig.load(classLoader, Map.of())).problems())
          .containsExactly(
              "application.conf: 2: Invalid value at 'harness.loop.provider': expected a"
                  + " non-empty string such as default, got a list [\"netty\"]");
    }
  }

  @Test
  void aValueWhereABlockBelongsIsReportedOnce() {
    assertThat(TestConfigs.failureOf("block-as-value.conf").problems())
        .containsExactly(
            "configs/block-as-value.conf: 2: Invalid value at 'harness.timeout': expected a block"
                + " with the keys drain, fixture, test, got '5s'");
  }

  @Test
  void aFileThatDoesNotParseIsReportedWithItsLine() {
    HarnessConfigException failure = TestConfigs.failureOf("broken.conf");

    assertThat(failure.problems()).hasSize(1);
    assertThat(failure.problems().get(0))
        .startsWith("configs/broken.conf: 5: Cannot parse this file: ")
        .contains("end of file");
    assertThat(failure).hasCauseInstanceOf(ConfigException.Parse.class);
  }

  @Test
  void aBrokenApplicationConfIsReportedAndTheOtherLayersStillChecked() throws IOException {
    try (URLClassLoader classLoader = TestConfigs.withApplicationConf(dir, "harness {\n  a = \n")) {
      HarnessConfigException failure =
          TestConfigs.failure(
              () ->
                  HarnessConfig.load(
                      classLoader, TestConfigs.parameters("harness.cross-loop", "deny")));

      assertThat(failure.problems()).hasSize(2);
      assertThat(failure.problems().get(0))
          .startsWith("application.conf: 3: Cannot parse this file: ");
      assertThat(failure.problems().get(1)).startsWith(PARAMETER + "harness.cross-loop: ");
    }
  }

  @Test
  void aMissingConfigFileNamesTheValueAndWhereItLooked() {
    HarnessConfigException failure =
        TestConfigs.failureWith("harness.config.file", "configs/nope.conf");

    assertThat(failure.problems())
        .containsExactly(
            PARAMETER + "harness.config.file: Cannot find the configuration file"
                + " 'configs/nope.conf': no file "
                + Path.of("configs/nope.conf").toAbsolutePath()
                + " (relative paths start at the working directory) and no class path resource"
                + " 'configs/nope.conf'. Fix the path or remove harness.config.file.");
  }

  @Test
  void anUnresolvedSubstitutionIsReportedWithItsOrigin() {
    assertThat(TestConfigs.failureOf("unresolved.conf").problems())
        .containsExactly(
            "configs/unresolved.conf: 2: Could not resolve substitution to a value:"
                + " ${no.such.setting}");
  }
}
