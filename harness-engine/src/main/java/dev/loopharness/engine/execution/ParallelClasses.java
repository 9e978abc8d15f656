package dev.loopharness.engine.execution;

import dev.loopharness.config.HarnessConfig;
import java.util.Optional;
import org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;

/** {@code harness.parallel}: classes run concurrently on JUnit's fork-join executor. */
public final class ParallelClasses {
  private ParallelClasses() {}

  /** The executor for a parallel run, or empty to run everything on the calling thread. */
  @SuppressWarnings("deprecation") // JUnit 6.1 keeps this constructor; its replacement is not public API yet
  public static Optional<HierarchicalTestExecutorService> executorService(HarnessConfig config) {
    if (!config.parallelEnabled()) {
      return Optional.empty();
    }
    int classes = config.parallelClasses();
    return Optional.of(new ForkJoinPoolHierarchicalTestExecutorService(new ParallelExecutionConfiguration() {
      @Override public int getParallelism() { return classes; }
      @Override public int getMinimumRunnable() { return classes; }
      @Override public int getMaxPoolSize() { return classes + 256; }
      @Override public int getCorePoolSize() { return classes; }
      @Override public int getKeepAliveSeconds() { return 30; }
    }));
  }
}
