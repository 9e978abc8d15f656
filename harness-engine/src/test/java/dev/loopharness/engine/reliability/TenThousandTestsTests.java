package dev.loopharness.engine.reliability;

import dev.loopharness.engine.ReportJson;
import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.loopharness.api.LeakDetectedError;
import dev.loopharness.engine.LoopHarnessTestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * 10,000 tests that each leak a timer: the run finishes, every test gets exactly one result and one
 * leak entry, the report grows by a bounded amount per test, and memory stays flat (the heap after
 * a full GC grows no more over 10,000 tests than over 2,000, give or take a few hundred bytes per
 * test). The tests are 200 classes of 50 methods: copies of {@code generated/Gen000TestCase} under
 * other names. They run through the Launcher with a listener that counts into preallocated arrays,
 * so that nothing this test keeps grows with the number of tests.
 */
class TenThousandTestsTests {
  static final int CLASSES = 200;
  static final int TESTS_PER_CLASS = 50;
  static final String PACKAGE = "dev.loopharness.engine.reliability.generated";
  static final String TEMPLATE = "Gen000TestCase";
  /** A test in report.json (failed, with its one leak and creation site) takes about 900 bytes. */
  static final long JSON_BYTES_PER_TEST = 1_500;
  static final long HTML_BYTES_PER_TEST = 3_000;
  /**
   * How much more the heap may grow over 10,000 tests than over 2,000: about 500 bytes per extra
   * test, several times what the JDK's reflection caches of the test methods take.
   */
  static final long MORE_HEAP = 4L << 20;

  @Test
  void tenThousandTestsWithOneLeakEachFinishWithBoundedReportsAndFlatMemory(@TempDir Path dir) throws Exception {
    Copies loader = new Copies(TenThousandTestsTests.class.getClassLoader());
    List<Class<?>> all = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      all.add(loader.loadClass(PACKAGE + "." + className(c)));
    }
    Run small = Run.of(all.subList(0, CLASSES / 5), dir.resolve("small"));
    Run big = Run.of(all, dir.resolve("big"));

    for (Run run : List.of(small, big)) {
      run.assertEveryTestHasExactlyOneResultAndOneLeak();
      Map<String, Object> report = ReportJson.parse(run.reportDir.resolve("report.json"));
      assertThat(object(report, "summary")).containsEntry("complete", true)
          .containsEntry("tests", (long) run.tests).containsEntry("failed", (long) run.tests)
          .containsEntry("leaks", (long) run.tests).containsEntry("leaksByKind", Map.of("TIMER", (long) run.tests));
      assertThat(list(report, "tests")).hasSize(run.tests).allSatisfy(t -> assertThat(t)
          .containsEntry("leakCount", 1L).containsEntry("status", "FAILED"));
      assertThat(run.jsonBytes()).as("report.json of %,d tests", run.tests).isLessThan(run.tests * JSON_BYTES_PER_TEST);
      assertThat(run.htmlBytes()).as("report.html of %,d tests", run.tests).isLessThan(run.tests * HTML_BYTES_PER_TEST);
    }
    for (Run run : List.of(small, big)) {
      System.out.printf(Locale.ROOT, "%,d tests: %,d ms, heap +%,d KB, report.json %,d bytes, report.html %,d bytes%n",
          run.tests, run.millis, run.heapGrowth >> 10, run.jsonBytes(), run.htmlBytes());
    }
    assertThat(big.jsonBytes() / big.tests).as("report.json bytes per test, 10,000 vs 2,000 tests")
        .isLessThanOrEqualTo(small.jsonBytes() / small.tests + 20);
    assertThat(big.heapGrowth).as("heap growth over %,d tests (%,d over %,d)", big.tests, small.heapGrowth, small.tests)
        .isLessThan(Math.max(small.heapGrowth, 0) + MORE_HEAP);
  }

  static String className(int c) {
    return String.format(Locale.ROOT, "Gen%03dTestCase", c);
  }

  /** Defines {@code Gen001TestCase} and up as copies of the template's bytes under their own name. */
  static final class Copies extends ClassLoader {
    private final byte[] template;

    Copies(ClassLoader parent) throws IOException {
      super("generated-test-classes", parent);
      try (InputStream in = parent.getResourceAsStream(PACKAGE.replace('.', '/') + "/" + TEMPLATE + ".class")) {
        template = in.readAllBytes();
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      String simple = name.substring(name.lastIndexOf('.') + 1);
      if (!name.startsWith(PACKAGE + ".") || simple.length() != TEMPLATE.length() || !simple.startsWith("Gen")) {
        throw new ClassNotFoundException(name);
      }
      byte[] bytes = replace(template, TEMPLATE.getBytes(StandardCharsets.US_ASCII),
          simple.getBytes(StandardCharsets.US_ASCII));
      return defineClass(name, bytes, 0, bytes.length);
    }

    private static byte[] replace(byte[] bytes, byte[] from, byte[] to) {
      byte[] copy = bytes.clone();
      for (int i = 0; i + from.length <= copy.length; i++) {
        if (Arrays.equals(copy, i, i + from.length, from, 0, from.length)) {
          System.arraycopy(to, 0, copy, i, to.length);
        }
      }
      return copy;
    }
  }

  /** One run through the Launcher, counted into arrays indexed by class and method number. */
  static final class Run implements TestExecutionListener {
    final int tests;
    final Path reportDir;
    final int[] results;
    final int[] starts;
    final int[] leakEntries;
    final AtomicInteger leakFailures = new AtomicInteger();
    final AtomicInteger otherEvents = new AtomicInteger();
    long millis;
    long heapGrowth;

    private Run(int classes, Path reportDir) {
      this.tests = classes * TESTS_PER_CLASS;
      this.reportDir = reportDir;
      this.results = new int[tests];
      this.starts = new int[tests];
      this.leakEntries = new int[tests];
    }

    static Run of(List<Class<?>> classes, Path reportDir) {
      Run run = new Run(classes.size(), reportDir);
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(classes.stream().map(c -> (DiscoverySelector) DiscoverySelectors.selectClass(c)).toList())
          .filters(EngineFilter.includeEngines(LoopHarnessTestEngine.ENGINE_ID))
          .configurationParameters(Map.of(
              "harness.report.dir", reportDir.toString(),
              "harness.report.console", "false",
              "harness.timeout.drain", "200ms",
              // the heap probe's full collections hold a loop; they are not the tests' leaks
              "harness.loop.slow-callback", "10s"))
          .build();
      Set<Thread> before = Set.copyOf(FaultRuns.harnessThreads());
      HeapProbe.reset(run.tests);
      long started = System.nanoTime();
      assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
        Launcher launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(request);
        // The platform caches each unique id's text on first use; fill those caches now, so that
        // the heap measured between the first and the last test shows what the run keeps.
        plan.getRoots().forEach(root -> plan.getDescendants(root).forEach(id -> id.getUniqueIdObject().toString()));
        launcher.execute(plan, run);
      });
      run.millis = (System.nanoTime() - started) / 1_000_000;
      run.heapGrowth = HeapProbe.growth();
      assertThat(HeapProbe.ticks()).as("generated tests that ran").isEqualTo(run.tests);
      assertThat(run.heapGrowth).as("heap measured at the first and last test").isNotNegative();
      FaultRuns.assertNoHarnessThreadOutlives(before);
      return run;
    }

    private int index(TestIdentifier test) {
      MethodSource source = (MethodSource) test.getSource().orElseThrow();
      String type = source.getClassName();
      int c = Integer.parseInt(type.substring(type.length() - "000TestCase".length(), type.length() - "TestCase".length()));
      return c * TESTS_PER_CLASS + Integer.parseInt(source.getMethodName().substring(1));
    }

    @Override
    public void executionStarted(TestIdentifier id) {
      if (id.isTest()) {
        starts[index(id)]++;
      }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      if (id.isTest()) {
        results[index(id)]++;
      } else {
        otherEvents.incrementAndGet();
      }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (!id.isTest()) {
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
          otherEvents.incrementAndGet();
        }
        return;
      }
      results[index(id)]++;
      if (result.getThrowable().orElse(null) instanceof LeakDetectedError) {
        leakFailures.incrementAndGet();
      }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
      if (id.isTest() && entry.getKeyValuePairs().containsKey("loop-harness.leak")) {
        leakEntries[index(id)]++;
      } else {
        otherEvents.incrementAndGet();
      }
    }

    void assertEveryTestHasExactlyOneResultAndOneLeak() {
      for (int i = 0; i < tests; i++) {
        int test = i;
        assertThat(results[i]).as("results of test %d", test).isOne();
        assertThat(starts[i]).as("starts of test %d", test).isOne();
        assertThat(leakEntries[i]).as("leak entries of test %d", test).isOne();
      }
      assertThat(leakFailures).as("tests failed by their leak").hasValue(tests);
      assertThat(otherEvents).as("skips, failed containers and other entries").hasValue(0);
    }

    long jsonBytes() {
      return size(reportDir.resolve("report.json"));
    }

    long htmlBytes() {
      return size(reportDir.resolve("report.html"));
    }

    private static long size(Path file) {
      try {
        return Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
