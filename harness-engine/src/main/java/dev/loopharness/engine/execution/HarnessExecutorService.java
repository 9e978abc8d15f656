package dev.loopharness.engine.execution;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;

/**
 * Runs the tree on the calling thread, as JUnit's same-thread executor does, except the tests of a
 * class: those run as one {@link TestBatch}, on a harness thread where their loops run inline.
 */
public final class HarnessExecutorService implements HierarchicalTestExecutorService {
  private final Supplier<HarnessRun> run;

  /** @param run the run, whose loop group's carriers run the batches; null before it began */
  public HarnessExecutorService(Supplier<HarnessRun> run) {
    this.run = run;
  }

  @Override
  public Future<Void> submit(TestTask task) {
    task.execute();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void invokeAll(List<? extends TestTask> tasks) {
    HarnessRun current = run.get();
    if (current != null && !tasks.isEmpty() && !TestBatch.onRunner() && allTests(tasks)) {
      TestDescriptor parent = tasks.get(0).getTestDescriptor().getParent().orElse(null);
      new TestBatch(tasks, parent == null ? "" : parent.getDisplayName(), current).run();
      return;
    }
    for (TestTask task : tasks) {
      task.execute();
    }
  }

  private static boolean allTests(List<? extends TestTask> tasks) {
    for (TestTask task : tasks) {
      if (!task.getTestDescriptor().isTest()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    // nothing to release: runners end with their batch
  }
}
