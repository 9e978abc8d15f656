package dev.loopharness.engine.descriptor;

import dev.loopharness.api.Disabled;
import java.lang.reflect.AnnotatedElement;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.support.hierarchical.Node.SkipResult;

/** Whether {@code @Disabled} skips a class or method, and the reason shown. */
final class SkipReasons {
  private SkipReasons() {}

  static SkipResult of(AnnotatedElement element, String name) {
    return AnnotationSupport.findAnnotation(element, Disabled.class)
        .map(disabled -> SkipResult.skip(
            disabled.value().isBlank() ? name + " is @Disabled" : disabled.value()))
        .orElse(SkipResult.doNotSkip());
  }
}
