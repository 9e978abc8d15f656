package dev.loopharness.assertj;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Loop;
import dev.loopharness.api.PendingWork;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Loop}: the tracked work live on it now ({@link Loop#pendingWork()}) and
 * whether it is closed. Obtain one from {@link LoopAssertions#assertThat(Loop)}. A failure lists
 * the offending items with their owners and creation sites, as leak reports do.
 */
public class LoopAssert extends AbstractAssert<LoopAssert, Loop> {
  /** Items listed in a failure message; more are counted. */
  static final int LISTED = 20;

  /** @param actual the loop under test, or null */
  protected LoopAssert(Loop actual) {
    super(actual, LoopAssert.class);
  }

  /**
   * Verifies that no task spawned on the loop is still pending, whoever spawned it.
   *
   * @return this, for chaining
   * @throws AssertionError if the loop is null or has a pending task
   */
  public LoopAssert hasNoPendingTasks() {
    return hasNone(EnumSet.of(LeakKind.TASK), "pending tasks");
  }

  /**
   * Verifies that no timer scheduled on the loop is still armed.
   *
   * @return this, for chaining
   * @throws AssertionError if the loop is null or has an armed timer
   */
  public LoopAssert hasNoArmedTimers() {
    return hasNone(EnumSet.of(LeakKind.TIMER), "armed timers");
  }

  /**
   * Verifies that every resource tracked by the loop has been closed.
   *
   * @return this, for chaining
   * @throws AssertionError if the loop is null or tracks an open resource
   */
  public LoopAssert hasNoOpenResources() {
    return hasNone(EnumSet.of(LeakKind.RESOURCE), "open resources");
  }

  /**
   * Verifies that the loop has no pending task, no armed timer and no open resource.
   *
   * @return this, for chaining
   * @throws AssertionError if the loop is null or has any of them
   */
  public LoopAssert hasNoPendingWork() {
    return hasNone(EnumSet.of(LeakKind.TASK, LeakKind.TIMER, LeakKind.RESOURCE),
        "pending tasks, armed timers or open resources");
  }

  /**
   * Verifies that the loop is closed (its scope has ended), so it refuses all work.
   *
   * @return this, for chaining
   * @throws AssertionError if the loop is null or open
   */
  public LoopAssert isClosed() {
    isNotNull();
    if (!actual.isClosed()) {
      failWithMessage("%s", "Expecting loop " + actual.name() + " to be closed, but it is open");
    }
    return this;
  }

  /**
   * Verifies that the loop is open: it accepts work.
   *
   * @return this, for chaining
   * @throws AssertionError if the loop is null or closed
   */
  public LoopAssert isOpen() {
    isNotNull();
    if (actual.isClosed()) {
      failWithMessage("%s", "Expecting loop " + actual.name() + " to be open, but it is closed");
    }
    return this;
  }

  private LoopAssert hasNone(Set<LeakKind> kinds, String what) {
    isNotNull();
    List<PendingWork> found = new ArrayList<>();
    for (PendingWork work : actual.pendingWork()) {
      if (kinds.contains(work.kind())) {
        found.add(work);
      }
    }
    if (!found.isEmpty()) {
      failWithMessage("%s", message(what, found));
    }
    return this;
  }

  private String message(String what, List<PendingWork> found) {
    StringBuilder text = new StringBuilder("Expecting loop ").append(actual.name())
        .append(" to have no ").append(what).append(", but it has ").append(found.size()).append(':');
    for (PendingWork work : found.subList(0, Math.min(LISTED, found.size()))) {
      text.append("\n  ").append(work.kind().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
          .append(work.description().replace("\n", "\n    ")).append(" (owner: ").append(work.owner())
          .append(')');
    }
    if (found.size() > LISTED) {
      text.append("\n  ... and ").append(found.size() - LISTED).append(" more");
    }
    return text.toString();
  }
}
