package dev.loopharness.config;

import static dev.loopharness.config.TestConfigs.TEST_CLASS_LOADER;
import static dev.loopharness.config.TestConfigs.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopharness.api.Scope;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load whose sources are all as they were last time returns that configuration (a launcher
 * discovers once per test class); any source that changed, however slightly, is read again.
 */
class ConfigReuseTests {
  @TempDir Path dir;

  @Test
  void theSameSourcesGiveTheSameConfiguration() {
    Map<String, String> same = parameters("harness.timeout.drain", "7s");
    HarnessConfig first = HarnessConfig.load(TEST_CLASS_LOADER, same);

    assertThat(HarnessConfig.load(TEST_CLASS_LOADER, parameters("harness.timeout.drain", "7s")))
        .isSameAs(first);
    assertThat(HarnessConfig.load(TEST_CLASS_LOADER, parameters("harness.timeout.drain", "8s"))
        .drainTimeout()).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void aSystemPropertySetOrClearedSinceIsRead() {
    HarnessConfig before = HarnessConfig.load(TEST_CLASS_LOADER, Map.of());
    HarnessConfig during = TestConfigs.withSystemProperties(
        Map.of("harness.timeout.drain", "9s"), () -> HarnessConfig.load(TEST_CLASS_LOADER, Map.of()));
    HarnessConfig after = HarnessConfig.load(TEST_CLASS_LOADER, Map.of());

    assertThat(during.drainTimeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(after.drainTimeout()).isEqualTo(before.drainTimeout()).isNotEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void aConfigFileRewrittenToTheSameSizeIsReadAgain() throws IOException {
    Path file = dir.resolve("harness.conf");
    Files.writeString(file, "harness.timeout.drain = 5s\n");
    Map<String, String> named = parameters("harness.config.file", file.toString());
    assertThat(HarnessConfig.load(TEST_CLASS_LOADER, named).drainTimeout()).isEqualTo(Duration.ofSeconds(5));

    Files.writeString(file, "harness.timeout.drain = 6s\n"); // same length, maybe the same mtime
    assertThat(HarnessConfig.load(TEST_CLASS_LOADER, named).drainTimeout()).isEqualTo(Duration.ofSeconds(6));

    Files.delete(file);
    assertThat(TestConfigs.failure(() -> HarnessConfig.load(TEST_CLASS_LOADER, named)).getMessage())
        .contains("Cannot find the configuration file");
  }

  @Test
  void anApplicationConfChangedOrInAnotherClassLoaderIsRead() throws IOException {
    try (URLClassLoader one = TestConfigs.withApplicationConf(dir, "harness.default-loop-scope = class\n")) {
      assertThat(HarnessConfig.load(one, Map.of()).defaultLoopScope()).isEqualTo(Scope.CLASS);
      Files.writeString(dir.resolve("application.conf"), "harness.default-loop-scope = session\n");
      assertThat(HarnessConfig.load(one, Map.of()).defaultLoopScope()).isEqualTo(Scope.SESSION);
      assertThat(HarnessConfig.load(TEST_CLASS_LOADER, Map.of()).defaultLoopScope())
          .isEqualTo(HarnessConfig.defaults().defaultLoopScope());
    }
  }
}
