package dev.loopharness.engine.descriptor;

import dev.loopharness.api.Scope;
import dev.loopharness.engine.execution.HarnessExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** One test class: the CLASS scope, entered before its first test and ended after its last. */
public final class ClassDescriptor extends AbstractTestDescriptor
    implements ReportedNode {

  /** The unique id segment type, shared with Jupiter so tools recognise it. */
  public static final String SEGMENT_TYPE = "class";

  private final Class<?> testClass;
  private final Set<TestTag> tags;
  private final List<String> problems = new ArrayList<>();

  ClassDescriptor(UniqueId uniqueId, Class<?> testClass) {
    super(uniqueId, testClass.getSimpleName(), ClassSource.from(testClass));
    this.testClass = testClass;
    this.tags = TagsReader.read(testClass, problems);
  }

  /** Creates the descriptor for {@code testClass} under the package container {@code parent}. */
  public static ClassDescriptor create(UniqueId parent, Class<?> testClass) {
    return new ClassDescriptor(parent.append(SEGMENT_TYPE, testClass.getName()), testClass);
  }

  public Class<?> testClass() {
    return testClass;
  }

  /** Problems with the class itself (bad tags); each of its tests reports them. */
  List<String> problems() {
    return problems;
  }

  /**
   * The class's full name, as Jupiter reports its classes: Surefire's XML reports and Gradle's take
   * a test's class name from it, and a simple name would merge same-named classes of two packages.
   */
  @Override
  public String getLegacyReportingName() {
    return testClass.getName();
  }

  @Override
  public Set<TestTag> getTags() {
    return tags;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  @Override
  public SkipResult shouldBeSkipped(HarnessExecutionContext context) {
    return SkipReasons.of(testClass, testClass.getSimpleName());
  }

  @Override
  public HarnessExecutionContext before(HarnessExecutionContext context) {
    return context.enterClass(testClass, this);
  }

  @Override
  public void after(HarnessExecutionContext context) throws Exception {
    context.exitScope(Scope.CLASS, this);
  }
}
