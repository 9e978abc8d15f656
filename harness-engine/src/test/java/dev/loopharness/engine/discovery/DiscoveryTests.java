package dev.loopharness.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.ClassNameFilter.excludeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.engine.discovery.PackageNameFilter.excludePackageNames;

import dev.loopharness.engine.EngineRuns;
import dev.loopharness.engine.discovery.sample.AlphaTestCase;
import dev.loopharness.engine.discovery.sample.BetaTestCase;
import dev.loopharness.engine.discovery.sample.JupiterOnlyTestCase;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

/** Every selector kind, filters, and unique-id round trips, against the real engine. */
class DiscoveryTests {
  private static final String PKG = "dev.loopharness.engine.discovery.sample";

  @Test
  void classSelectorFindsTheClassUnderItsPackageWithSources() {
    EngineDiscoveryResults results = EngineRuns.engine().selectors(selectClass(AlphaTestCase.class)).discover();
    TestDescriptor root = results.getEngineDescriptor();
    assertThat(ids(root)).containsExactly(
        "[engine:loop-harness]/[package:" + PKG + "]",
        "[engine:loop-harness]/[package:" + PKG + "]/[class:" + PKG + ".AlphaTestCase]",
        "[engine:loop-harness]/[package:" + PKG + "]/[class:" + PKG + ".AlphaTestCase]/[method:first()]",
        "[engine:loop-harness]/[package:" + PKG + "]/[class:" + PKG + ".AlphaTestCase]/[method:second()]");
    TestDescriptor test = find(root, "second()");
    assertThat(test.getSource()).contains(MethodSource.from(AlphaTestCase.class.getName(), "second", ""));
    assertThat(test.getParent().orElseThrow().getSource()).contains(ClassSource.from(AlphaTestCase.class));
    assertThat(test.getTags()).extracting(Object::toString).containsExactlyInAnyOrder("alpha", "fast");
    // What Surefire's and Gradle's reports name the class and the test by, as for Jupiter's.
    assertThat(test.getParent().orElseThrow().getLegacyReportingName()).isEqualTo(AlphaTestCase.class.getName());
    assertThat(test.getLegacyReportingName()).isEqualTo("second()");
  }

  @Test
  void methodSelectorFindsOnlyThatMethod() {
    TestDescriptor root = EngineRuns.engine()
        .selectors(selectMethod(AlphaTestCase.class, "second")).discover().getEngineDescriptor();
    assertThat(testNames(root)).containsExactly("second()");
  }

  @Test
  void aClassSelectedWithOneOfItsMethodsHasEachTestOnceInEitherOrder() {
    TestDescriptor methodFirst = EngineRuns.engine()
        .selectors(selectMethod(AlphaTestCase.class, "second"), selectClass(AlphaTestCase.class))
        .discover().getEngineDescriptor();
    TestDescriptor classFirst = EngineRuns.engine()
        .selectors(selectClass(AlphaTestCase.class), selectMethod(AlphaTestCase.class, "second"))
        .discover().getEngineDescriptor();
    assertThat(testNames(methodFirst)).containsExactlyInAnyOrder("first()", "second()");
    assertThat(testNames(classFirst)).containsExactly("first()", "second()");
    assertThat(EngineRuns.engine()
        .selectors(selectClass(AlphaTestCase.class), selectMethod(AlphaTestCase.class, "second"))
        .execute().testEvents().started().count()).isEqualTo(2);
  }

  @Test
  void packageSelectorFindsEveryClaimedClassAndSkipsClassesWithoutAsyncTests() {
    TestDescriptor root = EngineRuns.engine().selectors(selectPackage(PKG)).discover().getEngineDescriptor();
    assertThat(testNames(root)).containsExactlyInAnyOrder("first()", "second()", "runs()", "skipped()");
    assertThat(ids(root)).noneMatch(id -> id.contains(JupiterOnlyTestCase.class.getSimpleName()));
  }

  @Test
  void classNameAndPackageFiltersApply() {
    TestDescriptor byName = EngineRuns.engine().selectors(selectPackage(PKG))
        .filters(excludeClassNamePatterns(".*Beta.*")).discover().getEngineDescriptor();
    assertThat(testNames(byName)).containsExactlyInAnyOrder("first()", "second()");
    TestDescriptor byPackage = EngineRuns.engine().selectors(selectPackage(PKG))
        .filters(excludePackageNames(PKG)).discover().getEngineDescriptor();
    assertThat(byPackage.getChildren()).isEmpty();
  }

  @Test
  void uniqueIdsRoundTripForMethodClassAndPackage() {
    TestDescriptor all = EngineRuns.engine().selectors(selectPackage(PKG)).discover().getEngineDescriptor();
    for (TestDescriptor descriptor : all.getDescendants()) {
      UniqueId id = descriptor.getUniqueId();
      TestDescriptor rediscovered = EngineRuns.engine().selectors(selectUniqueId(id)).discover().getEngineDescriptor();
      assertThat(rediscovered.findByUniqueId(id)).as("rediscovering %s", id).isPresent();
      List<String> expected = descriptor.getDescendants().stream().filter(TestDescriptor::isTest)
          .map(d -> d.getUniqueId().toString()).sorted().collect(Collectors.toList());
      if (descriptor.isTest()) {
        expected = List.of(id.toString());
      }
      assertThat(rediscovered.getDescendants().stream().filter(TestDescriptor::isTest)
          .map(d -> d.getUniqueId().toString()).sorted()).as("tests under %s", id)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void tagFilterAndDisabledWorkAtExecution() {
    EngineRuns.engine().selectors(selectPackage(PKG)).filters(TagFilter.includeTags("fast")).execute()
        .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    EngineRuns.engine().selectors(selectClass(BetaTestCase.class)).execute()
        .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).skipped(1));
  }

  private static List<String> ids(TestDescriptor root) {
    return root.getDescendants().stream().map(d -> d.getUniqueId().toString()).sorted()
        .collect(Collectors.toList());
  }

  private static List<String> testNames(TestDescriptor root) {
    return root.getDescendants().stream().filter(TestDescriptor::isTest)
        .map(TestDescriptor::getDisplayName).sorted().collect(Collectors.toList());
  }

  private static TestDescriptor find(TestDescriptor root, String displayName) {
    return root.getDescendants().stream().filter(d -> d.getDisplayName().equals(displayName))
        .findFirst().orElseThrow();
  }
}
