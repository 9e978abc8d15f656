package dev.loopharness.api;

import java.util.Locale;

/** What an owner left behind; each kind has a policy under {@code harness.leaks}. */
public enum LeakKind {
  /** A spawned task still pending. */
  TASK,
  /** A timer still armed. */
  TIMER,
  /** A tracked resource still open. */
  RESOURCE,
  /** Work submitted to a loop that was already closed. */
  CLOSED_LOOP,
  /** A thread started by the owner still alive after draining. */
  THREAD,
  /** A callback that held its loop longer than {@code harness.loop.slow-callback}. */
  BLOCKED_LOOP,
  /**
   * An exception that escaped a loop callback (execute, a timer, a task or schedule of the executor
   * view), or a failed task or future whose failure nobody observed before its owner was drained.
   */
  UNHANDLED_ERROR;

  /** The configuration key under {@code harness.leaks}, e.g. {@code closed-loop}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
