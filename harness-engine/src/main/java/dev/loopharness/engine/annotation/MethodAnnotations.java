package dev.loopharness.engine.annotation;

import java.lang.annotation.Annotation;
import java.lang.annotation.Repeatable;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit's annotation search on test methods ({@link AnnotationSupport}: present directly or as a
 * meta-annotation), answering "absent" without the search when it can. Discovery and every test
 * ask a method for several annotations ({@code @LoopScope}, {@code @VirtualTime}, {@code
 * @Disabled}, {@code @Tag}), and the answer is nearly always "absent": JUnit finds that by walking
 * the meta-annotations of each of the method's annotations, recursively, on every call. What an
 * annotation type carries never changes, so it is worked out once per type; a method none of whose
 * annotations is, or carries, the type asked for has none. Otherwise JUnit searches, as before.
 */
public final class MethodAnnotations {
  // Every annotation type an annotation type carries, through its annotations and theirs.
  private static final ClassValue<Set<Class<?>>> CARRIED = new ClassValue<>() {
    @Override
    protected Set<Class<?>> computeValue(Class<?> annotationType) {
      Set<Class<?>> carried = new HashSet<>();
      collect(annotationType, carried);
      return Set.copyOf(carried);
    }
  };

  private MethodAnnotations() {}

  /** Like {@link AnnotationSupport#findAnnotation(java.lang.reflect.AnnotatedElement, Class)}. */
  public static <A extends Annotation> Optional<A> find(Method method, Class<A> type) {
    return mayCarry(method, type, null) ? AnnotationSupport.findAnnotation(method, type) : Optional.empty();
  }

  /** Like {@link AnnotationSupport#isAnnotated(java.lang.reflect.AnnotatedElement, Class)}. */
  public static boolean isAnnotated(Method method, Class<? extends Annotation> type) {
    return mayCarry(method, type, null) && AnnotationSupport.isAnnotated(method, type);
  }

  /** Like {@link AnnotationSupport#findRepeatableAnnotations(java.lang.reflect.AnnotatedElement, Class)}. */
  public static <A extends Annotation> List<A> findRepeatable(Method method, Class<A> type) {
    Repeatable repeatable = type.getAnnotation(Repeatable.class);
    Class<?> container = repeatable == null ? null : repeatable.value();
    return mayCarry(method, type, container)
        ? AnnotationSupport.findRepeatableAnnotations(method, type) : List.of();
  }

  private static boolean mayCarry(Method method, Class<?> type, Class<?> container) {
    for (Annotation present : method.getDeclaredAnnotations()) {
      Class<?> presentType = present.annotationType();
      if (presentType == type || presentType == container) {
        return true;
      }
      Set<Class<?>> carried = CARRIED.get(presentType);
      if (carried.contains(type) || (container != null && carried.contains(container))) {
        return true;
      }
    }
    return false;
  }

  private static void collect(Class<?> annotationType, Set<Class<?>> carried) {
    for (Annotation meta : annotationType.getDeclaredAnnotations()) {
      if (carried.add(meta.annotationType())) {
        collect(meta.annotationType(), carried);
      }
    }
  }
}
