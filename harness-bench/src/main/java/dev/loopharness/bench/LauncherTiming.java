package dev.loopharness.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Splits a W1 run into discovery and execution, in this JVM, without Maven or Surefire: selects
 * every class of a test-classes directory (as Surefire does, one class selector each), discovers,
 * then executes, {@code reps} times. The first rep is cold (as under Surefire); the best is warm.
 *
 * <p>usage: {@code LauncherTiming ENGINE_ID TEST_CLASSES_DIR [REPS]}
 */
public final class LauncherTiming {
  private LauncherTiming() {}

  public static void main(String[] args) throws Exception {
    String engine = args[0];
    Path classes = Path.of(args[1]);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<ClassSelector> selectors = classSelectors(classes);
    Launcher launcher = LauncherFactory.create();
    for (int rep = 1; rep <= reps; rep++) {
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectors)
          .filters(EngineFilter.includeEngines(engine))
          .build();
      long t0 = System.nanoTime();
      TestPlan plan = launcher.discover(request);
      long t1 = System.nanoTime();
      Counter counter = new Counter();
      launcher.execute(plan, counter);
      long t2 = System.nanoTime();
      double discoverMs = (t1 - t0) / 1e6;
      double executeMs = (t2 - t1) / 1e6;
      System.out.printf(Locale.ROOT,
          "[launcher] %s rep %d: %,d tests (%d failed); discovery %,.0f ms (%.3f ms/test),"
              + " execution %,.0f ms (%.3f ms/test)%n",
          engine, rep, counter.tests, counter.failed, discoverMs, discoverMs / counter.tests,
          executeMs, executeMs / Math.max(1, counter.tests));
      if (counter.failed > 0 || counter.tests == 0) {
        System.exit(1);
      }
    }
  }

  private static List<ClassSelector> classSelectors(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith("Test.class"))
          .map(p -> root.relativize(p).toString())
          .map(s -> s.substring(0, s.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .map(name -> selectClass(name))
          .collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Counts finished tests. */
  static final class Counter implements TestExecutionListener {
    int tests;
    int failed;

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (id.isTest()) {
        tests++;
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
          failed++;
        }
      }
    }
  }
}
