package dev.loopharness.engine.descriptor;

import dev.loopharness.api.Disabled;

/** The skip reason shown for {@code @Disabled}. */
final class SkipReasons {
  private SkipReasons() {}

  static String of(String element, Disabled disabled) {
    return disabled.value().isBlank() ? element + " is @Disabled" : disabled.value();
  }
}
