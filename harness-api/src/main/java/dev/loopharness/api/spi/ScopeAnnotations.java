package dev.loopharness.api.spi;

import dev.loopharness.api.ClassScoped;
import dev.loopharness.api.PackageScoped;
import dev.loopharness.api.Scope;
import dev.loopharness.api.SessionScoped;
import dev.loopharness.api.TestScoped;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;

/** Maps each {@link Scope} to its Guice scope annotation ({@link SessionScoped} and so on). */
public final class ScopeAnnotations {
  private static final Map<Scope, Class<? extends Annotation>> ANNOTATIONS = Map.of(
      Scope.FUNCTION, TestScoped.class,
      Scope.CLASS, ClassScoped.class,
      Scope.PACKAGE, PackageScoped.class,
      Scope.SESSION, SessionScoped.class);

  private ScopeAnnotations() {}

  /** The scope annotation for {@code scope}, e.g. {@link SessionScoped} for SESSION. */
  public static Class<? extends Annotation> of(Scope scope) {
    return ANNOTATIONS.get(scope);
  }

  /** The scope that {@code annotation} stands for; empty if it is not a harness scope annotation. */
  public static Optional<Scope> scopeOf(Class<? extends Annotation> annotation) {
    return ANNOTATIONS.entrySet().stream()
        .filter(entry -> entry.getValue() == annotation)
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
