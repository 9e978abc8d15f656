package dev.loopharness.engine.execution;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.annotation.MethodAnnotations;
import java.lang.reflect.Method;
import java.time.Duration;

/** The timeout of a test: its annotation's, else {@code harness.timeout.test}, × time-factor. */
final class Timeouts {
  private Timeouts() {}

  static Duration forTest(Method method, HarnessConfig config) {
    AsyncTest annotation = MethodAnnotations.direct(method, AsyncTest.class);
    if (annotation == null || annotation.timeout().isBlank()) {
      return config.testTimeout();
    }
    return config.scaled(HarnessConfig.parseDuration(annotation.timeout()));
  }

  static String source(Method method, HarnessConfig config) {
    AsyncTest annotation = MethodAnnotations.direct(method, AsyncTest.class);
    String base = annotation == null || annotation.timeout().isBlank()
        ? "harness.timeout.test"
        : "@AsyncTest(timeout = \"" + annotation.timeout() + "\")";
    return config.timeFactor() == 1.0 ? base : base + " × time-factor " + config.timeFactor();
  }
}
