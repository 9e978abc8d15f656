package dev.loopharness.engine.execution;

import dev.loopharness.engine.kit.LoopGroup;
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
  private final Supplier<LoopGroup> loops;

  /** @param loops the run's loop group, whose carriers run the batches; null before the run began */
  public HarnessExecutorService(Supplier<LoopGroup> loops) {
    this.loops = loops;
  }

  @Override
  public Future<Void> submit(TestTask task) {
    task.execute();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void invokeAll(List<? extends TestTask> tasks) {
    LoopGroup group = loops.get();
    if (group != null && !tasks.isEmpty() && !TestBatch.onRunner() && allTests(tasks)) {
      TestDescriptor parent = tasks.get(0).getTestDescriptor().getParent().orElse(null);
      new TestBatch(tasks, parent == null ? "" : parent.getDisplayName(), group).run();
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
