package dev.loopharness.assertj;

import dev.loopharness.api.Loop;

/**
 * AssertJ entry points for Loop Harness, for test authors who check a loop's leftovers themselves
 * (the harness checks them anyway when the test ends):
 *
 * <pre>{@code
 * import static dev.loopharness.assertj.LoopAssertions.assertThat;
 *
 * client.close().thenRun(() -> assertThat(loop).hasNoPendingTasks().hasNoOpenResources());
 * }</pre>
 *
 * <p>Static-importing this {@code assertThat} next to AssertJ's own works: for a {@link Loop} the
 * compiler picks this one, the most specific.
 */
public final class LoopAssertions {
  private LoopAssertions() {}

  /**
   * Assertions on {@code actual}'s pending work and state.
   *
   * @param actual the loop, such as the one a test receives as a parameter; may be null (the
   *     assertions then fail saying so)
   */
  public static LoopAssert assertThat(Loop actual) {
    return new LoopAssert(actual);
  }
}
