package dev.loopharness.engine.execution;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * The run's listener, with one rule added: a test runner that was abandoned (stuck in a callback
 * past its test's timeout, see {@link TestBatch}) reports nothing any more. Its supervisor has
 * reported that test finished; what the runner would report for it later, should it ever come
 * back, is dropped, so every test still gets exactly one result. Listeners handle each event
 * with the {@link ListenerContextLoader} as the thread's context loader.
 */
public final class SupervisedListener implements EngineExecutionListener {
  private final EngineExecutionListener delegate;

  public SupervisedListener(EngineExecutionListener delegate) {
    this.delegate = delegate;
  }

  /** Whether the calling thread is an abandoned test runner, whose reports are dropped. */
  public static boolean isAbandonedThread() {
    return TestBatch.onAbandonedRunner();
  }

  @Override
  public void dynamicTestRegistered(TestDescriptor descriptor) {
    deliver(() -> delegate.dynamicTestRegistered(descriptor));
  }

  @Override
  public void executionSkipped(TestDescriptor descriptor, String reason) {
    deliver(() -> delegate.executionSkipped(descriptor, reason));
  }

  @Override
  public void executionStarted(TestDescriptor descriptor) {
    deliver(() -> delegate.executionStarted(descriptor));
  }

  @Override
  public void executionFinished(TestDescriptor descriptor, TestExecutionResult result) {
    deliver(() -> delegate.executionFinished(descriptor, result));
  }

  @Override
  public void reportingEntryPublished(TestDescriptor descriptor, ReportEntry entry) {
    deliver(() -> delegate.reportingEntryPublished(descriptor, entry));
  }

  @Override
  public void fileEntryPublished(TestDescriptor descriptor, FileEntry file) {
    deliver(() -> delegate.fileEntryPublished(descriptor, file));
  }

  // Dropped on an abandoned runner; otherwise handled with the listener context loader.
  private void deliver(Runnable event) {
    if (!isAbandonedThread()) {
      ListenerContextLoader.around(event);
    }
  }
}
