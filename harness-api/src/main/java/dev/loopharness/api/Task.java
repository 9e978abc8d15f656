package dev.loopharness.api;

import java.util.concurrent.CompletionStage;

/** A tracked unit of asynchronous work on a {@link Loop}; see {@link Loop#spawn}. */
public interface Task<T> extends CompletionStage<T> {

  /** The name shown in reports. */
  String name();

  /**
   * Requests cancellation: the task completes exceptionally with a {@link
   * java.util.concurrent.CancellationException} unless it already completed.
   *
   * @return whether this call cancelled the task
   */
  boolean cancel();

  /** Whether the task completed, normally, exceptionally or by cancellation. */
  boolean isDone();
}
