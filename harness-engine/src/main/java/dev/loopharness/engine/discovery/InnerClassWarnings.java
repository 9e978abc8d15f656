package dev.loopharness.engine.discovery;

import dev.loopharness.engine.descriptor.TestMethods;
import java.lang.reflect.Modifier;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Warns about {@code @AsyncTest} methods in an inner (non-static member) class, which the engine
 * cannot instantiate and so does not run: like every other bad declaration, it gets a discovery
 * warning instead of silence. Found both when the inner class itself is selected (class path
 * scanning, an IDE) and when its enclosing class is (Surefire excludes {@code *$*} classes).
 */
final class InnerClassWarnings {
  static final String ID = "Harness/InnerTestClass";

  private InnerClassWarnings() {}

  /** Whether {@code type} is an inner class with {@code @AsyncTest} methods. */
  static boolean isInnerTestClass(Class<?> type) {
    return type.isMemberClass() && !Modifier.isStatic(type.getModifiers()) && !type.isInterface()
        && !TestMethods.testMethodsOf(type).isEmpty();
  }

  /** Reports {@code type} if it is an inner test class, and each inner test class declared in it. */
  static void check(Class<?> type, DiscoveryIssueReporter issues) {
    if (isInnerTestClass(type)) {
      issues.reportIssue(issue(type));
    }
    Class<?>[] declared;
    try {
      declared = type.getDeclaredClasses();
    } catch (LinkageError | SecurityException e) {
      return; // a nested class that cannot be loaded is not ours to report
    }
    for (Class<?> nested : declared) {
      if (isInnerTestClass(nested)) {
        issues.reportIssue(issue(nested));
      }
    }
  }

  static DiscoveryIssue issue(Class<?> inner) {
    String name = inner.getName().substring(inner.getName().lastIndexOf('.') + 1).replace('$', '.');
    String outer = inner.getEnclosingClass().getSimpleName();
    return DiscoveryIssue.builder(Severity.WARNING, "[" + ID + "] " + name + " has "
            + TestMethods.testMethodsOf(inner).size() + " @AsyncTest method(s) but is an inner class"
            + " (not static): it needs an instance of " + outer + " to exist, so Loop Harness cannot"
            + " create it and does not run its tests.\n   Fix: declare it static (static class "
            + inner.getSimpleName() + "), or move it to its own file.")
        .source(ClassSource.from(inner))
        .build();
  }
}
