package dev.loopharness.engine.descriptor;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.engine.annotation.MethodAnnotations;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Which classes and methods Loop Harness claims: classes with at least one {@code @AsyncTest}. */
public final class TestMethods {
  private TestMethods() {}

  // Discovery asks these for every method of a class; a class's methods never change.
  private static final ClassValue<List<Method>> TEST_METHODS = new ClassValue<>() {
    @Override
    protected List<Method> computeValue(Class<?> type) {
      return List.copyOf(scanTestMethods(type));
    }
  };

  private static final ClassValue<Boolean> TEST_CLASS = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return claims(type);
    }
  };

  /** Whether the engine claims {@code type}, so it coexists with Jupiter in one project. */
  public static boolean isTestClass(Class<?> type) {
    return TEST_CLASS.get(type);
  }

  private static boolean claims(Class<?> type) {
    return !type.isAnnotation()
        && !type.isEnum()
        && !type.isInterface()
        && !type.isAnonymousClass()
        && !type.isLocalClass()
        && !Modifier.isAbstract(type.getModifiers())
        && !(type.isMemberClass() && !Modifier.isStatic(type.getModifiers()))
        && !testMethodsOf(type).isEmpty();
  }

  /** The {@code @AsyncTest} methods of {@code type} and its superclasses, in a stable order. */
  public static List<Method> testMethodsOf(Class<?> type) {
    return TEST_METHODS.get(type);
  }

  private static List<Method> scanTestMethods(Class<?> type) {
    List<Method> found;
    if (type.getSuperclass() == Object.class && type.getInterfaces().length == 0) {
      // What JUnit's search finds for a class with no hierarchy to walk, without the getMethods()
      // it makes to look for interface default methods (every public method, copied).
      found = new ArrayList<>();
      for (Method method : type.getDeclaredMethods()) {
        if (!method.isSynthetic() && isAnnotated(method)) {
          found.add(method);
        }
      }
    } else {
      found = ReflectionSupport.findMethods(type, TestMethods::isAnnotated, HierarchyTraversalMode.TOP_DOWN);
    }
    return found.stream()
        .sorted(Comparator.comparing(Method::getName).thenComparing(TestMethods::parameterList))
        .collect(Collectors.toList());
  }

  /** Whether {@code method} carries {@code @AsyncTest}. */
  public static boolean isAnnotated(Method method) {
    return MethodAnnotations.isAnnotated(method, AsyncTest.class);
  }

  /** The parameter type names as used in a unique id, e.g. {@code dev.loopharness.api.Loop}. */
  public static String parameterList(Method method) {
    return parameterNames(method, ",");
  }

  /** The parameter type names, joined by {@code separator}. */
  static String parameterNames(Method method, String separator) {
    StringBuilder list = new StringBuilder();
    for (Class<?> type : method.getParameterTypes()) {
      if (!list.isEmpty()) {
        list.append(separator);
      }
      list.append(type.getName());
    }
    return list.toString();
  }
}
