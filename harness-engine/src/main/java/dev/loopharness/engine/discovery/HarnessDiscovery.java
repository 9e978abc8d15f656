package dev.loopharness.engine.discovery;

import dev.loopharness.engine.descriptor.AsyncTestDescriptor;
import dev.loopharness.engine.descriptor.HarnessEngineDescriptor;
import dev.loopharness.engine.descriptor.TestMethods;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/**
 * Discovery: JUnit's resolver with one small resolver per selector kind. Invalid tests stay in the
 * tree (each will fail with its problems, so none is lost) and are also reported as discovery
 * issues, which IDEs and the console launcher show before the run.
 */
public final class HarnessDiscovery {
  private static final EngineDiscoveryRequestResolver<HarnessEngineDescriptor> RESOLVER =
      EngineDiscoveryRequestResolver.<HarnessEngineDescriptor>builder()
          .addClassContainerSelectorResolver(
              type -> TestMethods.isTestClass(type) || InnerClassWarnings.isInnerTestClass(type))
          .addSelectorResolver(context -> new PackageContainerResolver(context.getClassNameFilter()))
          .addSelectorResolver(context -> new ClassSelectorResolver(context.getClassNameFilter(),
              context.getIssueReporter(), new TestCreator(context.getEngineDescriptor())))
          .addSelectorResolver(context -> new MethodSelectorResolver(
              new TestCreator(context.getEngineDescriptor())))
          .addTestDescriptorVisitor(context -> issuesOf(context.getIssueReporter()))
          .addTestDescriptorVisitor(context -> TestDescriptor::prune)
          .build();

  private HarnessDiscovery() {}

  /** Resolves {@code request} into {@code root}, reporting problems through the request. */
  public static void discover(EngineDiscoveryRequest request, HarnessEngineDescriptor root) {
    DiscoveryIssueReporter issues = DiscoveryIssueReporter.deduplicating(
        DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), root.getUniqueId()));
    root.configError().ifPresent(error -> issues.reportIssue(
        DiscoveryIssue.builder(Severity.WARNING, error.getMessage() + "\nEvery test of this engine will fail with it.")));
    RESOLVER.resolve(request, root, issues);
    root.config().shard().ifPresent(shard -> ShardFilter.apply(shard, root));
  }

  private static TestDescriptor.Visitor issuesOf(DiscoveryIssueReporter issues) {
    return descriptor -> {
      if (descriptor instanceof AsyncTestDescriptor test) {
        for (String problem : test.problems()) {
          issues.reportIssue(DiscoveryIssue.builder(Severity.WARNING, problem + " The test will fail.")
              .source(test.getSource()));
        }
      }
    };
  }
}
