package dev.loopharness.api;

import com.google.inject.Module;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Guice modules that provide fixtures to a test class (and its subclasses). Each module needs
 * a public or package-visible no-argument constructor. Session-wide modules come from {@code
 * harness.fixtures.modules}.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Fixtures {
  /** Module classes, typically {@link FixtureModule}s. */
  Class<? extends Module>[] value();
}
