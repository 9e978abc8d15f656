package dev.loopharness.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code harness.loop.clock} and {@code harness.loop.virtual.autojump-after}, from real HOCON. */
class VirtualTimeConfigTests {
  private static final String PARAMETER = "JUnit configuration parameter ";

  @Test
  void defaultsAreTheWallClockAndAnImmediateJump() {
    HarnessConfig config = HarnessConfig.defaults();

    assertThat(config.clockMode()).isEqualTo(ClockMode.REAL);
    assertThat(config.autojumpAfter()).isEqualTo(Duration.ZERO);
    assertThat(config.describe("loop.clock"))
        .isEqualTo("harness.loop.clock = real (default in reference.conf)");
  }

  @Test
  void aFileSetsBothKeysWithTheirOrigin() {
    HarnessConfig config = TestConfigs.loadFile("virtual-time.conf");

    assertThat(config.clockMode()).isEqualTo(ClockMode.VIRTUAL);
    assertThat(config.autojumpAfter()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.describe("harness.loop.virtual.autojump-after"))
        .isEqualTo("harness.loop.virtual.autojump-after = 50ms (configs/virtual-time.conf: 5)");
  }

  @Test
  void theAutojumpDelayIsNotScaledByTheTimeFactor() {
    HarnessConfig config = TestConfigs.load(
        "harness.loop.virtual.autojump-after", "20ms", "harness.time-factor", "3");

    assertThat(config.autojumpAfter()).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void clockIsMatchedIgnoringCase() {
    assertThat(TestConfigs.load("harness.loop.clock", "Virtual").clockMode())
        .isEqualTo(ClockMode.VIRTUAL);
  }

  @Test
  void reportsEveryMistakeInTheVirtualTimeKeys() {
    assertThat(TestConfigs.failureOf("virtual-time-problems.conf"))
        .hasMessage(TestConfigs.golden("virtual-time-problems.txt"));
  }

  @Test
  void anAutojumpDelayNeedsAUnit() {
    assertThat(TestConfigs.failureWith("harness.loop.virtual.autojump-after", "5").problems())
        .containsExactly(
            PARAMETER + "harness.loop.virtual.autojump-after: Invalid value at"
                + " 'harness.loop.virtual.autojump-after': expected a duration such as 30s or"
                + " 200ms, got '5'");
  }
}
