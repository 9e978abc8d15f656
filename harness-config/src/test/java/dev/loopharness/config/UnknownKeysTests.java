package dev.loopharness.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnknownKeysTests {
  private static final String PARAMETER = "JUnit configuration parameter ";

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource({
    "harness.leaks.tsk,         harness.leaks.tsk,         harness.leaks.task",
    "harness.timeout.tset,      harness.timeout.tset,      harness.timeout.test",
    "harness.default-loop-scop, harness.default-loop-scop, harness.default-loop-scope",
    "harness.Time-Factor,       harness.Time-Factor,       harness.time-factor",
    "harness.slow-callback,     harness.slow-callback,     harness.loop.slow-callback",
    "harness.leaks.test,        harness.leaks.test,        harness.timeout.test",
    "harness.reprot.json,       harness.reprot,            harness.report"
  })
  void suggestsTheKeyProbablyMeant(String parameter, String unknown, String meant) {
    assertThat(TestConfigs.failureWith(parameter, "1s").problems())
        .containsExactly(
            PARAMETER + parameter + ": Unknown key '" + unknown + "'. Did you mean '" + meant
                + "'? " + UnknownKeys.SEE_REFERENCE);
  }

  @Test
  void suggestsNothingWhenNothingIsClose() {
    assertThat(TestConfigs.failureWith("harness.colour", "blue").problems())
        .containsExactly(
            PARAMETER + "harness.colour: Unknown key 'harness.colour'. "
                + UnknownKeys.SEE_REFERENCE);
  }

  @Test
  void theConfigFileKeyInAFileIsExplained() {
    assertThat(TestConfigs.failureOf("config-key.conf").problems())
        .containsExactly(
            "configs/config-key.conf: 2: Unknown key 'harness.config'. harness.config.file is read"
                + " only from JUnit configuration parameters and system properties, not from"
                + " configuration files.");
  }

  @Test
  void theConfigFileParameterIsNotAnUnknownKey() {
    assertThat(TestConfigs.loadFile("overrides.conf").crossLoop())
        .isEqualTo(CrossLoopPolicy.ERROR);
  }

  @Test
  void editDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
    assertThat(UnknownKeys.editDistance("tsk", "task")).isEqualTo(1);
    assertThat(UnknownKeys.editDistance("task", "tsk")).isEqualTo(1);
    assertThat(UnknownKeys.editDistance("timre", "timer")).isEqualTo(1);
    assertThat(UnknownKeys.editDistance("fixture", "mixtures")).isEqualTo(2);
    assertThat(UnknownKeys.editDistance("", "drain")).isEqualTo(5);
    assertThat(UnknownKeys.editDistance("json", "json")).isZero();
  }
}
