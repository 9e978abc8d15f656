package dev.loopharness.engine.descriptor;

import dev.loopharness.engine.execution.HarnessExecutionContext;
import dev.loopharness.engine.execution.TestRunner;
import dev.loopharness.engine.execution.TestSpec;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** One {@code @AsyncTest} method; an invalid one still runs, to fail with its problems. */
public final class AsyncTestDescriptor extends AbstractTestDescriptor
    implements ReportedNode {

  /** The unique id segment type, shared with Jupiter so tools recognise it. */
  public static final String SEGMENT_TYPE = "method";

  private final Class<?> testClass;
  private final Method method;
  private final Set<TestTag> tags;
  private final List<String> problems;

  private AsyncTestDescriptor(UniqueId uniqueId, Class<?> testClass, Method method,
      Set<TestTag> tags, List<String> problems) {
    super(uniqueId, displayName(method), source(testClass, method));
    this.testClass = testClass;
    this.method = method;
    this.tags = tags;
    this.problems = problems;
  }

  /**
   * Creates the descriptor for {@code method} under its class's descriptor.
   *
   * @param fixtureProblems why its fixtures refuse it (found at discovery); empty if none
   */
  public static AsyncTestDescriptor create(ClassDescriptor parent, Method method, UniqueId id,
      List<String> fixtureProblems) {
    List<String> problems = new ArrayList<>(parent.problems());
    Set<TestTag> tags = new LinkedHashSet<>(parent.getTags());
    tags.addAll(TagsReader.read(method, problems));
    problems.addAll(TestMethodValidator.problems(parent.testClass(), method));
    problems.addAll(fixtureProblems);
    return new AsyncTestDescriptor(id, parent.testClass(), method, tags, List.copyOf(problems));
  }

  /** The unique id of {@code method}'s test under {@code parent}. */
  public static UniqueId idUnder(ClassDescriptor parent, Method method) {
    return parent.getUniqueId().append(SEGMENT_TYPE, segmentValue(method));
  }

  /** The unique id segment value, e.g. {@code pings(dev.loopharness.api.Loop)}. */
  public static String segmentValue(Method method) {
    return method.getName() + "(" + TestMethods.parameterList(method) + ")";
  }

  static String displayName(Method method) {
    StringBuilder name = new StringBuilder(method.getName()).append('(');
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      name.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
    }
    return name.append(')').toString();
  }

  // MethodSource.from(Class, Method)'s value, without its stream over the parameter types (about 5%
  // of discovering a class); the source still resolves the method when asked.
  private static MethodSource source(Class<?> testClass, Method method) {
    return MethodSource.from(testClass.getName(), method.getName(), TestMethods.parameterNames(method, ", "));
  }

  /** What is wrong with this test's declaration; empty when it can run. */
  public List<String> problems() {
    return problems;
  }

  @Override
  public Set<TestTag> getTags() {
    return tags;
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public ExecutionMode getExecutionMode() {
    return ExecutionMode.SAME_THREAD;
  }

  @Override
  public SkipResult shouldBeSkipped(HarnessExecutionContext context) {
    return SkipReasons.of(method, getDisplayName());
  }

  @Override
  public HarnessExecutionContext execute(HarnessExecutionContext context, DynamicTestExecutor executor) {
    Set<String> tagNames = new LinkedHashSet<>();
    for (TestTag tag : tags) {
      tagNames.add(tag.getName());
    }
    TestSpec spec = new TestSpec(this, testClass, method, tagNames, problems);
    TestRunner.run(context, spec);
    return context;
  }
}
