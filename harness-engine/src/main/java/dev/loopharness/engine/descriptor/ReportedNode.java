package dev.loopharness.engine.descriptor;

import dev.loopharness.engine.execution.HarnessExecutionContext;
import dev.loopharness.engine.execution.SupervisedListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.hierarchical.Node;

/** A node whose outcome (finished or skipped) is recorded in the run's report. */
interface ReportedNode extends Node<HarnessExecutionContext> {

  @Override
  default void nodeSkipped(HarnessExecutionContext context, TestDescriptor descriptor,
      SkipResult result) {
    context.run().report().skipped(descriptor, result.getReason().orElse(""));
  }

  @Override
  default void nodeFinished(HarnessExecutionContext context, TestDescriptor descriptor,
      TestExecutionResult result) {
    if (!SupervisedListener.isAbandonedThread()) { // else its supervisor has reported it
      context.run().report().finished(descriptor, result);
    }
  }
}
