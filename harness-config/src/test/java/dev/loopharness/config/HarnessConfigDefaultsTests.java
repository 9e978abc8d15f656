package dev.loopharness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HarnessConfigDefaultsTests {

  @Test
  void defaultsAreThoseOfTheDesign() {
    HarnessConfig config = HarnessConfig.defaults();

    assertThat(config.defaultLoopScope()).isEqualTo(Scope.FUNCTION);
    assertThat(config.defaultTestLoopScope()).isEqualTo(Scope.FUNCTION);
    assertThat(config.crossLoop()).isEqualTo(CrossLoopPolicy.WARN);
    assertThat(config.timeFactor()).isEqualTo(1.0);
    assertThat(config.testTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.fixtureTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.loopProvider()).isEqualTo("default");
    assertThat(config.slowCallback()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.leakPolicy(LeakKind.TASK)).isEqualTo(LeakPolicy.FAIL);
    assertThat(config.leakPolicy(LeakKind.TIMER)).isEqualTo(LeakPolicy.FAIL);
    assertThat(config.leakPolicy(LeakKind.RESOURCE)).isEqualTo(LeakPolicy.FAIL);
    assertThat(config.leakPolicy(LeakKind.CLOSED_LOOP)).isEqualTo(LeakPolicy.FAIL);
    assertThat(config.leakPolicy(LeakKind.THREAD)).isEqualTo(LeakPolicy.WARN);
    assertThat(config.leakPolicy(LeakKind.BLOCKED_LOOP)).isEqualTo(LeakPolicy.WARN);
    assertThat(config.creationSites()).isTrue();
    assertThat(config.ignoreThreads()).isEmpty();
    assertThat(config.fixtureModules()).isEmpty();
    assertThat(config.parallelEnabled()).isFalse();
    assertThat(config.parallelClasses()).isEqualTo(2);
    assertThat(config.reportDir()).isEqualTo(Path.of("target/loop-harness"));
    assertThat(config.reportJson()).isTrue();
    assertThat(config.reportHtml()).isTrue();
    assertThat(config.reportConsole()).isTrue();
    assertThat(config.reportWarnings()).isTrue();
  }

  @Test
  void loadingWithNothingToOverrideGivesTheDefaults() {
    HarnessConfig loaded = TestConfigs.load("junit.jupiter.execution.parallel.enabled", "true");

    assertThat(loaded).hasToString(HarnessConfig.defaults().toString());
  }

  @Test
  void defaultsDescribeTheirOrigin() {
    HarnessConfig config = HarnessConfig.defaults();

    assertThat(config.describeOrigin("harness.default-loop-scope"))
        .isEqualTo("default in reference.conf");
    assertThat(config.describe("harness.default-loop-scope"))
        .isEqualTo("harness.default-loop-scope = function (default in reference.conf)");
    assertThat(config.describe("time-factor"))
        .isEqualTo("harness.time-factor = 1 (default in reference.conf)");
    assertThat(config.describe("leaks.ignore-threads"))
        .isEqualTo("harness.leaks.ignore-threads = [] (default in reference.conf)");
  }

  @Test
  void describingAKeyThatDoesNotExistSaysSo() {
    assertThatThrownBy(() -> HarnessConfig.defaults().describeOrigin("harness.timeout.tests"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "No configuration key 'harness.timeout.tests'. Every key with its default is in"
                + " harness-config's reference.conf.");
  }

  @Test
  void everyReferenceKeyIsReadEagerlyAndDocumented() {
    Config reference = ConfigLayers.reference();
    ConfigValidator validator = new ConfigValidator(reference, reference, new Problems());
    new HarnessConfig(validator);

    for (Map.Entry<String, ConfigValue> entry : reference.entrySet()) {
      assertThat(validator.readPaths()).as("read by HarnessConfig").contains(entry.getKey());
      assertThat(entry.getValue().origin().comments())
          .as("comment on " + entry.getKey())
          .isNotEmpty();
    }
    // entrySet() leaves out keys whose default is null (harness.leaks.baseline): count them too.
    assertThat(validator.readPaths()).hasSize(leaves(reference.root(), "").size());
    assertThat(validator.readPaths()).contains("harness.leaks.baseline");
  }

  private static java.util.List<String> leaves(com.typesafe.config.ConfigObject object, String prefix) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String path = prefix + e.getKey();
      if (e.getValue() instanceof com.typesafe.config.ConfigObject child) {
        out.addAll(leaves(child, path + "."));
      } else {
        out.add(path);
      }
    }
    return out;
  }

  @Test
  void collectionsAreUnmodifiable() {
    HarnessConfig config = TestConfigs.loadFile("overrides.conf");

    assertThatThrownBy(() -> config.ignoreThreads().add(Pattern.compile("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.fixtureModules().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
