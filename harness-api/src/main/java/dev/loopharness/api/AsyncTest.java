package dev.loopharness.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.platform.commons.annotation.Testable;

/**
 * Marks a test run by Loop Harness on an event loop.
 *
 * <p>The method returns {@code void} or a {@link java.util.concurrent.CompletionStage}; the engine
 * invokes it on the test's {@link Loop} and awaits the stage. It must not be private or static.
 * Parameters are resolved from the class's fixtures, plus {@link Loop} (the test's loop) and {@link
 * TestContext}.
 */
@Documented
@Testable
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AsyncTest {
  /**
   * How long the engine waits for the test, as a HOCON duration such as {@code "5s"} or {@code
   * "200ms"}. Empty (the default) means {@code harness.timeout.test}. Either is multiplied by
   * {@code harness.time-factor}.
   */
  String timeout() default "";
}
