import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One cold run in a fresh JVM through the launcher (no Surefire), timed by phase, printed as one
 * line of {@code key value} pairs (milliseconds unless named _us).
 *
 * <ul>
 *   <li>{@code one DIR}: what running one test class from an IDE costs (the first class of DIR,
 *       the test classes directory): JVM start to main, the launcher made, discovery, plan start
 *       to the first test started, the class's tests, the end (last test finished to the
 *       launcher's return).
 *   <li>{@code all DIR}: every test class of DIR: discovery, execution, and inside it the time a
 *       test takes from its started event to its finished event (the engine's per-test path and the
 *       test's own code), the gaps between a class's tests, the end (the last test finished to the
 *       launcher's return: closing the session, the report's finish), and the JIT's compile time.
 * </ul>
 *
 * usage: ColdRun one|all DIR [key=value configuration parameters...]
 */
public final class ColdRun {
  private static final long JVM_START = ManagementFactory.getRuntimeMXBean().getStartTime();

  public static void main(String[] args) throws IOException {
    long mainAt = System.currentTimeMillis() - JVM_START;
    long t0 = System.nanoTime();
    boolean one = args[0].equals("one");
    List<String> classes = testClasses(Path.of(args[1]));
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
        // by class: the bare engine resolves class selectors only
        .selectors((one ? classes.subList(0, 1) : classes).stream()
            .map(name -> selectClass(name)).toList());
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      request.configurationParameter(kv[0], kv[1]);
    }
    LauncherDiscoveryRequest built = request.build();
    Launcher launcher = LauncherFactory.create();
    long t1 = System.nanoTime();
    TestPlan plan = launcher.discover(built);
    long t2 = System.nanoTime();
    Window window = new Window();
    launcher.execute(plan, window);
    long t3 = System.nanoTime();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tests", window.tests);
    out.put("failed", window.failed);
    if (one) {
      out.put("jvm_to_main", mainAt);
      out.put("launcher", ms(t1 - t0));
      out.put("discovery", ms(t2 - t1));
      out.put("to_first_test", ms(window.firstTest - window.planStarted));
      out.put("tests_of_class", ms(window.lastTestFinished - window.firstTest));
      out.put("end", ms(t3 - window.lastTestFinished));
      out.put("total", mainAt + ms(t3 - t0));
    } else {
      out.put("discovery", ms(t2 - t1));
      out.put("execution", ms(t3 - t2));
      out.put("test_window_us", window.tests == 0 ? 0 : window.inTests / 1000 / window.tests);
      out.put("between_tests_us", window.tests == 0 ? 0 : window.between / 1000 / window.tests);
      out.put("end", ms(t3 - window.lastTestFinished));
      out.put("jit", ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
      out.put("cpu", ((com.sun.management.OperatingSystemMXBean)
          ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000);
    }
    StringBuilder line = new StringBuilder("COLD");
    out.forEach((k, v) -> line.append(' ').append(k).append(' ').append(v));
    System.out.println(line);
  }

  // w1.W1Harness0Test, w1.W1Harness1Test, ...: by length, then name
  private static List<String> testClasses(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("w1"))) {
      return files.map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith("Test.class") && !f.contains("$"))
          .map(f -> "w1." + f.substring(0, f.length() - ".class".length()))
          .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
          .toList();
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static final class Window implements TestExecutionListener {
    long planStarted, firstTest, testStarted, lastTestFinished, inTests, between;
    int tests, failed;
    boolean classOpen;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
      planStarted = System.nanoTime();
    }

    @Override
    public void executionStarted(TestIdentifier id) {
      long now = System.nanoTime();
      if (id.getSource().orElse(null) instanceof ClassSource) {
        classOpen = false;
      } else if (id.isTest()) {
        if (firstTest == 0) {
          firstTest = now;
        }
        if (classOpen) {
          between += now - lastTestFinished;
        }
        classOpen = true;
        testStarted = now;
      }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (id.isTest()) {
        long now = System.nanoTime();
        inTests += now - testStarted;
        lastTestFinished = now;
        tests++;
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
          failed++;
        }
      }
    }
  }
}
