package dev.loopharness.config;

import static dev.loopharness.config.TestConfigs.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Scope;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reference.conf < application.conf < harness.config.file < parameters < system properties. */
class LayeringTests {
  private static final String APPLICATION_CONF =
      "harness {\n"
          + "  default-loop-scope = class\n"
          + "  default-test-loop-scope = class\n"
          + "  timeout.drain = 5s\n"
          + "}\n"
          + "# other libraries' settings share the file\n"
          + "akka.loglevel = ${akka.stdout-loglevel}\n";

  @TempDir Path dir;

  @Test
  void applicationConfOnTheClassPathOverridesTheReference() throws IOException {
    try (URLClassLoader classLoader = TestConfigs.withApplicationConf(dir, APPLICATION_CONF)) {
      HarnessConfig config = HarnessConfig.load(classLoader, Map.of());

      assertThat(config.defaultLoopScope()).isEqualTo(Scope.CLASS);
      assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(config.testTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(config.describeOrigin("harness.default-loop-scope"))
          .isEqualTo("application.conf: 2");
      assertThat(config.describe("harness.default-loop-scope"))
          .isEqualTo("harness.default-loop-scope = class (application.conf: 2)");
      assertThat(config.describeOrigin("harness.timeout.test"))
          .isEqualTo("default in reference.conf");
    }
  }

  @Test
  void anApplicationConfInADirectoryReadsItsIncludesFromBesideIt() throws IOException {
    Files.writeString(dir.resolve("harness-timeouts.conf"), "harness.timeout.fixture = 7s\n");
    try (URLClassLoader classLoader = TestConfigs.withApplicationConf(dir,
        "include \"harness-timeouts.conf\"\nharness.timeout.drain = 5s\n")) {
      HarnessConfig config = HarnessConfig.load(classLoader, Map.of());

      assertThat(config.fixtureTimeout()).isEqualTo(Duration.ofSeconds(7));
      assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(config.describeOrigin("harness.timeout.drain")).isEqualTo("application.conf: 2");
      assertThat(config.describeOrigin("harness.timeout.fixture")).isEqualTo("harness-timeouts.conf: 1");
    }
  }

  @Test
  void configFileOverridesApplicationConf() throws IOException {
    try (URLClassLoader classLoader = TestConfigs.withApplicationConf(dir, APPLICATION_CONF)) {
      HarnessConfig config =
          HarnessConfig.load(
              classLoader, parameters("harness.config.file", "configs/overrides.conf"));

      assertThat(config.defaultLoopScope()).isEqualTo(Scope.SESSION);
      assertThat(config.describeOrigin("default-loop-scope"))
          .isEqualTo("configs/overrides.conf: 3");
      assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(config.describeOrigin("timeout.drain")).isEqualTo("application.conf: 4");
      assertThat(config.crossLoop()).isEqualTo(CrossLoopPolicy.ERROR);
      assertThat(config.leakPolicy(LeakKind.THREAD)).isEqualTo(LeakPolicy.FAIL);
      assertThat(config.ignoreThreads()).extracting(Pattern::pattern).containsExactly("pool-.*");
      assertThat(config.fixtureModules()).containsExactly("com.example.EchoModule");
    }
  }

  @Test
  void configFileIsFirstLookedForOnTheFileSystem() throws IOException {
    Path file = dir.resolve("ci.conf");
    Files.writeString(file, "harness {\n  time-factor = 3\n}\n");
    Path relative = Path.of("").toAbsolutePath().relativize(file);

    for (String name : new String[] {file.toString(), relative.toString()}) {
      HarnessConfig config = TestConfigs.load("harness.config.file", name);

      assertThat(config.timeFactor()).isEqualTo(3.0);
      assertThat(config.describeOrigin("time-factor")).isEqualTo("ci.conf: 2");
    }
  }

  @Test
  void parametersOverrideTheConfigFile() {
    HarnessConfig config =
        TestConfigs.loadFile(
            "overrides.conf",
            "harness.default-loop-scope", "package",
            "harness.timeout.test", "12s",
            "harness.leaks.ignore-threads", "[\"grpc-.*\", \"netty-.*\"]",
            "harness.parallel.enabled", "true",
            "harness.parallel.classes", "4",
            "harness.time-factor", "1.5");

    assertThat(config.defaultLoopScope()).isEqualTo(Scope.PACKAGE);
    assertThat(config.describeOrigin("harness.default-loop-scope"))
        .isEqualTo("JUnit configuration parameter harness.default-loop-scope");
    assertThat(config.describe("harness.default-loop-scope"))
        .isEqualTo(
            "harness.default-loop-scope = package"
                + " (JUnit configuration parameter harness.default-loop-scope)");
    assertThat(config.testTimeout()).isEqualTo(Duration.ofSeconds(18));
    assertThat(config.ignoreThreads())
        .extracting(Pattern::pattern)
        .containsExactly("grpc-.*", "netty-.*");
    assertThat(config.describeOrigin("leaks.ignore-threads"))
        .isEqualTo("JUnit configuration parameter harness.leaks.ignore-threads");
    assertThat(config.parallelEnabled()).isTrue();
    assertThat(config.parallelClasses()).isEqualTo(4);
    assertThat(config.defaultTestLoopScope()).isEqualTo(Scope.CLASS);
  }

  @Test
  void aParameterCanReplaceAWholeBlock() {
    HarnessConfig config =
        TestConfigs.load(
            "harness.timeout", "{ test = 1s, fixture = 2s }", "harness.timeout.fixture", "3s");

    assertThat(config.testTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.fixtureTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void systemPropertiesOverrideParameters() {
    HarnessConfig config =
        TestConfigs.withSystemProperties(
            Map.of(
                "harness.default-loop-scope", "session",
                "harness.fixtures.modules", "[com.example.SystemModule]"),
            () ->
                TestConfigs.loadFile(
                    "overrides.conf",
                    "harness.default-loop-scope", "package",
                    "harness.fixtures.modules", "[com.example.ParameterModule]",
                    "harness.cross-loop", "allow"));

    assertThat(config.defaultLoopScope()).isEqualTo(Scope.SESSION);
    assertThat(config.describeOrigin("default-loop-scope"))
        .isEqualTo("system property harness.default-loop-scope");
    assertThat(config.fixtureModules()).containsExactly("com.example.SystemModule");
    assertThat(config.crossLoop()).isEqualTo(CrossLoopPolicy.ALLOW);
    assertThat(System.getProperty("harness.default-loop-scope")).isNull();
  }

  @Test
  void aSystemPropertyCanNameTheConfigFile() {
    HarnessConfig config =
        TestConfigs.withSystemProperties(
            Map.of("harness.config.file", "configs/overrides.conf"),
            () -> TestConfigs.load("harness.config.file", "configs/no-such-file.conf"));

    assertThat(config.defaultLoopScope()).isEqualTo(Scope.SESSION);
  }

  @Test
  void entriesOutsideTheHarnessNamespaceAreIgnored() {
    HarnessConfig config =
        TestConfigs.load("junit.jupiter.execution.timeout.default", "soon", "harnessx.y", "z");

    assertThat(config).hasToString(HarnessConfig.defaults().toString());
  }

  @Test
  void substitutionsInsideTheHarnessBlockResolve() {
    HarnessConfig config = TestConfigs.loadFile("substitutions.conf");

    assertThat(config.fixtureTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.reportDir()).isEqualTo(Path.of("target/loop-harness"));
  }
}
