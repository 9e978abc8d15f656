package dev.loopharness.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the W1 classes of package {@code w1} (put their test-classes directory on the class path)
 * through the JUnit Platform launcher in this JVM, and prints the used heap after a full GC every
 * {@code every} finished tests. A flat line means the engine keeps nothing per test; the slope
 * between the second sample and the last is printed as bytes per test.
 *
 * <p>usage: {@code HeapFlat ENGINE_ID [EVERY]}, e.g. {@code HeapFlat loop-harness 1000}
 */
public final class HeapFlat {
  private HeapFlat() {}

  public static void main(String[] args) {
    String engine = args.length > 0 ? args[0] : "loop-harness";
    int every = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectPackage("w1"))
        .filters(EngineFilter.includeEngines(engine))
        .build();
    Sampler sampler = new Sampler(every);
    long start = System.nanoTime();
    LauncherFactory.create().execute(request, sampler);
    long ms = (System.nanoTime() - start) / 1_000_000;
    sampler.sample(); // after the run: what the engine still holds once it has finished
    System.out.printf(Locale.ROOT, "%s: %,d tests, %,d failed, %,d ms (including the GC samples)%n",
        engine, sampler.tests, sampler.failed, ms);
    sampler.summary(engine);
    if (sampler.failed > 0 || sampler.tests == 0) {
      System.exit(1);
    }
  }

  /** Counts finished tests and samples the heap after GC at every {@code every}-th. */
  static final class Sampler implements TestExecutionListener {
    private final int every;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<long[]> samples = new ArrayList<>();
    int tests;
    int failed;

    Sampler(int every) {
      this.every = every;
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (!id.isTest()) {
        return;
      }
      tests++;
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        failed++;
        if (failed <= 3) {
          System.out.println("FAILED " + id.getUniqueId() + ": " + result.getThrowable().orElse(null));
        }
      }
      if (tests % every == 0) {
        sample();
      }
    }

    void sample() {
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      long used = memory.getHeapMemoryUsage().getUsed();
      samples.add(new long[] {tests, used});
      System.out.printf(Locale.ROOT, "  after %,6d tests: heap used after GC %7.2f MB%n", tests,
          used / 1048576.0);
    }

    void summary(String engine) {
      if (samples.size() < 3) {
        return;
      }
      long[] from = samples.get(1);
      long[] to = samples.get(samples.size() - 2); // the last in-run sample
      long dt = to[0] - from[0];
      if (dt > 0) {
        System.out.printf(Locale.ROOT,
            "%s: heap growth from %,d to %,d tests: %+.1f KB (%+.0f bytes per test)%n", engine,
            from[0], to[0], (to[1] - from[1]) / 1024.0, (to[1] - from[1]) / (double) dt);
      }
    }
  }
}
