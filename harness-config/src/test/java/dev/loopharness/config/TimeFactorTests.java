package dev.loopharness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeFactorTests {

  @Test
  void timeFactorMultipliesEveryTimeout() {
    HarnessConfig config =
        TestConfigs.load("harness.time-factor", "2.5", "harness.timeout.drain", "400ms");

    assertThat(config.timeFactor()).isEqualTo(2.5);
    assertThat(config.testTimeout()).isEqualTo(Duration.ofSeconds(75));
    assertThat(config.fixtureTimeout()).isEqualTo(Duration.ofSeconds(75));
    assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.scaled(Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void slowCallbackThresholdIsNotAScaledTimeout() {
    HarnessConfig config = TestConfigs.load("harness.time-factor", "4");

    assertThat(config.slowCallback()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aFactorBelowOneShortensTimeoutsToTheNanosecond() {
    HarnessConfig config = TestConfigs.load("harness.time-factor", "0.001");

    assertThat(config.scaled(Duration.ofNanos(1_500))).isEqualTo(Duration.ofNanos(2));
    assertThat(config.testTimeout()).isEqualTo(Duration.ofMillis(30));
  }

  @Test
  void scalingSaturatesInsteadOfOverflowing() {
    HarnessConfig config = TestConfigs.load("harness.time-factor", "1e300");

    assertThat(config.testTimeout()).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
  }

  @Test
  void zeroDrainTimeoutIsAllowed() {
    assertThat(TestConfigs.load("harness.timeout.drain", "0s").drainTimeout()).isZero();
  }

  @ParameterizedTest
  @CsvSource({"200ms, PT0.2S", "5s, PT5S", "1 minute, PT1M", "1.5s, PT1.5S", "2 hours, PT2H"})
  void parsesHoconDurations(String text, Duration expected) {
    assertThat(HarnessConfig.parseDuration(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "200", "", "5 parsecs"})
  void rejectsWhatIsNotADurationWithAUnit(String text) {
    assertThatThrownBy(() -> HarnessConfig.parseDuration(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid duration '"
                + text
                + "': expected a duration such as 30s or 200ms (units: ns, us, ms, s, m, h, d)");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> HarnessConfig.parseDuration(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid duration null: expected a duration such as 30s or 200ms");
  }
}
