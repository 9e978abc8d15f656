package dev.loopharness.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A JUnit Platform tag on a test class or method, used by tag filters ({@code mvn test
 * -Dgroups=fast}). Tags on a class apply to its tests and subclasses. The value must be a valid
 * JUnit tag: not blank, no whitespace, none of {@code , ( ) & | !}.
 */
@Documented
@Inherited
@Repeatable(Tags.class)
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Tag {
  /** The tag name. */
  String value();
}
