package dev.loopharness.engine.descriptor;

import dev.loopharness.api.Disabled;
import dev.loopharness.engine.annotation.MethodAnnotations;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.support.hierarchical.Node.SkipResult;

/** Whether {@code @Disabled} skips a class or method, and the reason shown. */
final class SkipReasons {
  private SkipReasons() {}

  static SkipResult of(AnnotatedElement element, String name) {
    Optional<Disabled> annotation = element instanceof Method method
        ? MethodAnnotations.find(method, Disabled.class)
        : AnnotationSupport.findAnnotation(element, Disabled.class);
    return annotation
        .map(disabled -> SkipResult.skip(
            disabled.value().isBlank() ? name + " is @Disabled" : disabled.value()))
        .orElse(SkipResult.doNotSkip());
  }
}
