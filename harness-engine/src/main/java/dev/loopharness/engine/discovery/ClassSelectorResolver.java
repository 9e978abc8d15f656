package dev.loopharness.engine.discovery;

import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.loopharness.engine.descriptor.ClassDescriptor;
import dev.loopharness.engine.descriptor.PackageDescriptor;
import dev.loopharness.engine.descriptor.TestMethods;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/** Resolves test classes (by class selector or unique id) into a {@link ClassDescriptor}. */
final class ClassSelectorResolver implements SelectorResolver {
  private final Predicate<String> classNameFilter;
  private final DiscoveryIssueReporter issues;
  private final TestCreator tests;

  ClassSelectorResolver(Predicate<String> classNameFilter, DiscoveryIssueReporter issues,
      TestCreator tests) {
    this.classNameFilter = classNameFilter;
    this.issues = issues;
    this.tests = tests;
  }

  @Override
  public Resolution resolve(ClassSelector selector, Context context) {
    Class<?> type = selector.getJavaClass();
    if (classNameFilter.test(type.getName())) {
      InnerClassWarnings.check(type, issues);
    }
    if (!TestMethods.isTestClass(type) || !classNameFilter.test(type.getName())) {
      return unresolved();
    }
    return context
        .addToParent(() -> new PackageContainerSelector(type.getPackageName()),
            parent -> Optional.of(ClassDescriptor.create(parent.getUniqueId(), type)))
        // Selected (not only resolved as a method's parent): all its tests, added directly.
        .map(descriptor -> Resolution.match(Match.exact(descriptor, () -> {
          tests.addAllTests(descriptor);
          return Set.of();
        })))
        .orElse(unresolved());
  }

  @Override
  public Resolution resolve(UniqueIdSelector selector, Context context) {
    UniqueId id = selector.getUniqueId();
    if (id.getSegments().size() != 3
        || !id.getSegments().get(1).getType().equals(PackageDescriptor.SEGMENT_TYPE)
        || !id.getLastSegment().getType().equals(ClassDescriptor.SEGMENT_TYPE)) {
      return unresolved();
    }
    return ReflectionSupport.tryToLoadClass(id.getLastSegment().getValue())
        .toOptional()
        .map(type -> Resolution.selectors(Set.of(DiscoverySelectors.selectClass(type))))
        .orElse(unresolved());
  }
}
