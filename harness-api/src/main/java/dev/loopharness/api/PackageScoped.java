package dev.loopharness.api;

import com.google.inject.ScopeAnnotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a plain Guice binding a fixture of scope {@link Scope#PACKAGE}: one Java package of test
 * classes; torn down after the package's last class.
 *
 * <p>Put it on a {@code @Provides} method, on an implementation class, or use it in a binding
 * ({@code bind(Foo.class).in(PackageScoped.class)}). The instance is created on first use, on the loop
 * of its loop scope, and closed at scope end if it is {@link AutoCloseable}. Its loop scope is
 * {@link LoopScope @LoopScope} on the {@code @Provides} method or implementation class if present,
 * else the wider of this scope and {@code harness.default-loop-scope}.
 */
@Documented
@ScopeAnnotation
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PackageScoped {}
