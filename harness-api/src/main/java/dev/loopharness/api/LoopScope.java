package dev.loopharness.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which loop a test runs on: on a method it beats the class; on a class it applies to every test
 * of the class and its subclasses. Without it, {@code harness.default-test-loop-scope} applies.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface LoopScope {
  /** The scope whose loop runs the test. */
  Scope value();
}
