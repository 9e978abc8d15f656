package dev.loopharness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code harness.shard = "k/n"}, {@code harness.session.lifetime} and {@code harness.report.build-id}. */
class ShardConfigTests {

  @Test
  void noShardByDefault() {
    HarnessConfig config = TestConfigs.load();
    assertThat(config.shard()).isEmpty();
    assertThat(config.sessionPerJvm()).isTrue();
    assertThat(config.reportBuildId()).isEmpty();
  }

  @Test
  void readsAShardAndTheOtherScaleOutKeys() {
    HarnessConfig config = TestConfigs.load("harness.shard", " 2/4 ", "harness.session.lifetime", "execution",
        "harness.report.build-id", "run-42");
    assertThat(config.shard()).contains(new Shard(2, 4));
    assertThat(config.shard().orElseThrow()).hasToString("2/4");
    assertThat(config.sessionPerJvm()).isFalse();
    assertThat(config.reportBuildId()).isEqualTo("run-42");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0/2", "3/2", "x", "1/0", "-1/2", "1/2/3", "1 of 2", "/2"})
  void aShardThatDoesNotExistIsAConfigurationErrorNamingTheKey(String value) {
    assertThat(TestConfigs.failureWith("harness.shard", value)).hasMessageContaining(
        "JUnit configuration parameter harness.shard: Invalid value at 'harness.shard': expected a shard k/n"
            + " with 1 <= k <= n such as 1/4, or \"\" to run every class, got '" + value + "'");
  }

  @Test
  void aBadLifetimeNamesTheChoices() {
    assertThat(TestConfigs.failureWith("harness.session.lifetime", "forever"))
        .hasMessageContaining("Invalid value at 'harness.session.lifetime': expected one of jvm, execution");
  }

  @Test
  void shardParsesOnlyShardsThatExist() {
    assertThat(Shard.parse("1/1")).isEqualTo(new Shard(1, 1));
    assertThatThrownBy(() -> new Shard(3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shard.parse("0/2")).hasMessageContaining("1 <= k <= n");
  }
}
