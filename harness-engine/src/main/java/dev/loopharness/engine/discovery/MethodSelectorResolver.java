package dev.loopharness.engine.discovery;

import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.loopharness.engine.descriptor.AsyncTestDescriptor;
import dev.loopharness.engine.descriptor.ClassDescriptor;
import dev.loopharness.engine.descriptor.TestMethods;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves {@code @AsyncTest} methods (by method selector or unique id) into test descriptors, each
 * with the fixture graph problems that will refuse it.
 */
final class MethodSelectorResolver implements SelectorResolver {
  private final TestCreator tests;

  MethodSelectorResolver(TestCreator tests) {
    this.tests = tests;
  }

  @Override
  public Resolution resolve(MethodSelector selector, Context context) {
    Class<?> type = selector.getJavaClass();
    if (selector.getParameterTypeNames().isEmpty() && TestMethods.isTestClass(type)) {
      Optional<Method> named = onlyTestNamed(type, selector.getMethodName());
      if (named.isPresent()) {
        return Resolution.selectors(Set.of(DiscoverySelectors.selectMethod(type, named.get())));
      }
    }
    Method method = selector.getJavaMethod();
    if (!TestMethods.isAnnotated(method) || !TestMethods.isTestClass(type)) {
      return unresolved();
    }
    return context
        .addToParent(() -> DiscoverySelectors.selectClass(type),
            parent -> parent instanceof ClassDescriptor classDescriptor
                ? Optional.of(tests.test(classDescriptor, method))
                : Optional.empty())
        .map(descriptor -> Resolution.match(Match.exact(descriptor)))
        .orElse(unresolved());
  }

  // `--select-method EchoTest#echoes` without parameter types: almost every test takes a Loop, so
  // the name alone selects the one @AsyncTest method of that name (several: the platform's error).
  private static Optional<Method> onlyTestNamed(Class<?> type, String name) {
    List<Method> named = TestMethods.testMethodsOf(type).stream()
        .filter(m -> m.getName().equals(name)).toList();
    return named.size() == 1 && named.get(0).getParameterCount() > 0
        ? Optional.of(named.get(0)) : Optional.empty();
  }

  @Override
  public Resolution resolve(UniqueIdSelector selector, Context context) {
    UniqueId id = selector.getUniqueId();
    List<UniqueId.Segment> segments = id.getSegments();
    if (segments.size() != 4
        || !segments.get(2).getType().equals(ClassDescriptor.SEGMENT_TYPE)
        || !id.getLastSegment().getType().equals(AsyncTestDescriptor.SEGMENT_TYPE)) {
      return unresolved();
    }
    String className = segments.get(2).getValue();
    String method = id.getLastSegment().getValue();
    int open = method.indexOf('(');
    if (open < 0 || !method.endsWith(")")) {
      return unresolved();
    }
    return Resolution.selectors(Set.of(DiscoverySelectors.selectMethod(
        className, method.substring(0, open), method.substring(open + 1, method.length() - 1))));
  }
}
