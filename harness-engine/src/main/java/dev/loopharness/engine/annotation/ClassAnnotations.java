package dev.loopharness.engine.annotation;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit's annotation search on test classes ({@link AnnotationSupport}: direct, meta-present,
 * inherited), done once per class and annotation type: every test of a class asks its class again
 * (its {@code @LoopScope}, its {@code @VirtualTime}), and a class's annotations never change.
 */
public final class ClassAnnotations {
  private static final ClassValue<Map<Class<? extends Annotation>, Optional<? extends Annotation>>> FOUND =
      new ClassValue<>() {
        @Override
        protected Map<Class<? extends Annotation>, Optional<? extends Annotation>> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private ClassAnnotations() {}

  /** Like {@link AnnotationSupport#findAnnotation(java.lang.reflect.AnnotatedElement, Class)}. */
  @SuppressWarnings("unchecked") // each entry holds what was found for its own key
  public static <A extends Annotation> Optional<A> find(Class<?> testClass, Class<A> type) {
    return (Optional<A>) FOUND.get(testClass)
        .computeIfAbsent(type, t -> AnnotationSupport.findAnnotation(testClass, t));
  }

  /** Like {@link AnnotationSupport#isAnnotated(java.lang.reflect.AnnotatedElement, Class)}. */
  public static boolean isAnnotated(Class<?> testClass, Class<? extends Annotation> type) {
    return find(testClass, type).isPresent();
  }
}
