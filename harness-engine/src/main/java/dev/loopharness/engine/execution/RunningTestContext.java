package dev.loopharness.engine.execution;

import dev.loopharness.api.TestContext;
import java.util.Objects;
import java.util.Set;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.reporting.ReportEntry;

/** The {@link TestContext} of a running test. */
final class RunningTestContext implements TestContext {
  private final TestSpec spec;
  private final EngineExecutionListener listener;

  RunningTestContext(TestSpec spec, EngineExecutionListener listener) {
    this.spec = spec;
    this.listener = listener;
  }

  @Override
  public String displayName() {
    return spec.descriptor().getDisplayName();
  }

  @Override
  public String uniqueId() {
    return spec.descriptor().getUniqueId().toString();
  }

  @Override
  public Set<String> tags() {
    return Set.copyOf(spec.tags());
  }

  @Override
  public void publish(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    listener.reportingEntryPublished(spec.descriptor(), ReportEntry.from(key, value));
  }

  @Override
  public String toString() {
    return "TestContext[" + spec.ownerName() + "]";
  }
}
