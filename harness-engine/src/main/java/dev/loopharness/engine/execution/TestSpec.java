package dev.loopharness.engine.execution;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestDescriptor;

/**
 * Everything the runner needs to know about one test.
 *
 * @param descriptor the test's descriptor, for report entries and its unique id
 * @param problems declaration problems found at discovery; a non-empty list fails the test
 * @param ownerName the name used in reports and messages, e.g. {@code PingTest > pings(Loop)}
 */
public record TestSpec(TestDescriptor descriptor, Class<?> testClass, Method method,
    Set<String> tags, List<String> problems, String ownerName) {

  public TestSpec(TestDescriptor descriptor, Class<?> testClass, Method method, Set<String> tags,
      List<String> problems) {
    this(descriptor, testClass, method, tags, problems,
        testClass.getSimpleName() + " > " + descriptor.getDisplayName());
  }
}
