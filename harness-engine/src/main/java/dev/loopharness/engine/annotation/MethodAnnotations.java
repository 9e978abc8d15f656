package dev.loopharness.engine.annotation;

import java.lang.annotation.Annotation;
import java.lang.annotation.Repeatable;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit's annotation search on test methods ({@link AnnotationSupport}: present directly or as a
 * meta-annotation), answering "absent" without the search when it can. Discovery and every test
 * ask a method for several annotations ({@code @LoopScope}, {@code @VirtualTime}, {@code
 * @Disabled}, {@code @Tag}), and the answer is nearly always "absent": JUnit finds that by walking
 * the meta-annotations of each of the method's annotations, recursively, on every call. What an
 * annotation type carries never changes, so it is worked out once per type; a method none of whose
 * annotations is, or carries, the type asked for has none, and one that carries it directly has
 * that one (JUnit looks there first). Otherwise JUnit searches, as before.
 *
 * <p>A method's own annotations are read once too: each {@link Method#getDeclaredAnnotations()}
 * copies them into a new array, and discovery and execution ask a test method about ten times.
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

  // A method's declared annotations, per declaring class so that a test class can still be unloaded.
  private static final ClassValue<Map<Method, Annotation[]>> DECLARED = new ClassValue<>() {
    @Override
    protected Map<Method, Annotation[]> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  private MethodAnnotations() {}

  /** Like {@link Method#getAnnotation(Class)} for an annotation that is not {@code @Inherited}: directly present. */
  public static <A extends Annotation> A direct(Method method, Class<A> type) {
    for (Annotation present : declared(method)) {
      if (present.annotationType() == type) {
        return type.cast(present);
      }
    }
    return null;
  }

  /** Like {@link AnnotationSupport#findAnnotation(java.lang.reflect.AnnotatedElement, Class)}. */
  public static <A extends Annotation> Optional<A> find(Method method, Class<A> type) {
    if (!mayCarry(method, type, null)) {
      return Optional.empty();
    }
    A direct = direct(method, type);
    return direct != null ? Optional.of(direct) : AnnotationSupport.findAnnotation(method, type);
  }

  /** Like {@link AnnotationSupport#isAnnotated(java.lang.reflect.AnnotatedElement, Class)}. */
  public static boolean isAnnotated(Method method, Class<? extends Annotation> type) {
    return mayCarry(method, type, null)
        && (direct(method, type) != null || AnnotationSupport.isAnnotated(method, type));
  }

  /** Like {@link AnnotationSupport#findRepeatableAnnotations(java.lang.reflect.AnnotatedElement, Class)}. */
  public static <A extends Annotation> List<A> findRepeatable(Method method, Class<A> type) {
    Repeatable repeatable = type.getAnnotation(Repeatable.class);
    Class<?> container = repeatable == null ? null : repeatable.value();
    return mayCarry(method, type, container)
        ? AnnotationSupport.findRepeatableAnnotations(method, type) : List.of();
  }

  private static boolean mayCarry(Method method, Class<?> type, Class<?> container) {
    for (Annotation present : declared(method)) {
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

  private static Annotation[] declared(Method method) {
    return DECLARED.get(method.getDeclaringClass()).computeIfAbsent(method, Method::getDeclaredAnnotations);
  }

  private static void collect(Class<?> annotationType, Set<Class<?>> carried) {
    for (Annotation meta : annotationType.getDeclaredAnnotations()) {
      if (carried.add(meta.annotationType())) {
        collect(meta.annotationType(), carried);
      }
    }
  }
}
