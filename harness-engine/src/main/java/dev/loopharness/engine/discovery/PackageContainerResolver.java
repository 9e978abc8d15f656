package dev.loopharness.engine.discovery;

import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.loopharness.engine.descriptor.PackageDescriptor;
import dev.loopharness.engine.descriptor.TestMethods;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/** Creates package containers, and expands a package's unique id (an IDE rerun) to its classes. */
final class PackageContainerResolver implements SelectorResolver {
  private final Predicate<String> classNameFilter;

  PackageContainerResolver(Predicate<String> classNameFilter) {
    this.classNameFilter = classNameFilter;
  }

  @Override
  public Resolution resolve(DiscoverySelector selector, Context context) {
    if (!(selector instanceof PackageContainerSelector container)) {
      return unresolved();
    }
    return context
        .addToParent(parent -> Optional.of(
            PackageDescriptor.create(parent.getUniqueId(), container.packageName())))
        .map(descriptor -> Resolution.match(Match.partial(descriptor)))
        .orElse(unresolved());
  }

  @Override
  public Resolution resolve(UniqueIdSelector selector, Context context) {
    UniqueId id = selector.getUniqueId();
    UniqueId.Segment last = id.getLastSegment();
    if (id.getSegments().size() != 2 || !last.getType().equals(PackageDescriptor.SEGMENT_TYPE)) {
      return unresolved();
    }
    String packageName = last.getValue().equals(PackageDescriptor.DEFAULT_PACKAGE) ? "" : last.getValue();
    return Resolution.selectors(
        ReflectionSupport.findAllClassesInPackage(packageName, TestMethods::isTestClass, classNameFilter)
            .stream()
            .filter(type -> type.getPackageName().equals(packageName))
            .map(DiscoverySelectors::selectClass)
            .collect(Collectors.toSet()));
  }
}
