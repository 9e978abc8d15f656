package dev.loopharness.engine.execution;

import dev.loopharness.config.Durations;
import dev.loopharness.engine.kit.HarnessLoop;
import java.time.Duration;
import java.util.Arrays;

/**
 * A test whose stage did not complete in time. The message names the test, the timeout and where
 * it came from, the loop, what was still pending on it and what the loop thread was doing.
 */
public final class TestTimedOutException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int STACK_FRAMES = 12;

  private TestTimedOutException(String message) {
    super(message);
  }

  static TestTimedOutException of(TestSpec spec, HarnessLoop loop, Duration timeout, String source) {
    StringBuilder message = new StringBuilder()
        .append(spec.ownerName()).append(" timed out after ").append(Durations.format(timeout))
        .append(" (").append(source).append(") on loop ").append(loop.name()).append(": its stage never completed.\n")
        .append("Still pending on ").append(loop.name()).append(": ").append(loop.describePending());
    Thread thread = loop.thread();
    if (thread != null) {
      message.append("\nLoop thread '").append(thread.getName()).append("' (")
          .append(thread.getState()).append(") at the timeout:");
      Arrays.stream(thread.getStackTrace()).limit(STACK_FRAMES)
          .forEach(frame -> message.append("\n    at ").append(frame));
    }
    message.append("\nFix: complete the returned stage (or await what it waits for), or raise the")
        .append(" timeout with @AsyncTest(timeout = \"...\") or harness.timeout.test.");
    return new TestTimedOutException(message.toString());
  }

}
