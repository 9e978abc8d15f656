package dev.loopharness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessConfigExceptionTests {

  @Test
  void numbersTheProblemsUnderACount() {
    HarnessConfigException e =
        new HarnessConfigException(List.of("a.conf: 1: first", "b.conf: 2: second"));

    assertThat(e)
        .hasMessage(
            "Loop Harness found 2 problems in its configuration:\n\n"
                + "1) a.conf: 1: first\n"
                + "2) b.conf: 2: second");
  }

  @Test
  void saysProblemForOne() {
    assertThat(new HarnessConfigException(List.of("a.conf: 1: only")))
        .hasMessage("Loop Harness found 1 problem in its configuration:\n\n1) a.conf: 1: only");
  }

  @Test
  void problemsAreACopyThatCannotChange() {
    List<String> problems = new ArrayList<>(List.of("a.conf: 1: first"));
    HarnessConfigException e = new HarnessConfigException(problems);
    problems.add("later");

    assertThat(e.problems()).containsExactly("a.conf: 1: first");
    assertThatThrownBy(() -> e.problems().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void needsAtLeastOneProblem() {
    assertThatThrownBy(() -> new HarnessConfigException(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
