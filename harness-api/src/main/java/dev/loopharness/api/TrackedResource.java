package dev.loopharness.api;

/**
 * A handle on a resource tracked by a {@link Loop}; see {@link Loop#track}. Closing the handle
 * closes the resource and stops tracking it; closing it again does nothing.
 */
@SuppressWarnings("try") // close() declares Exception as AutoCloseable does: handles wrap any closer
public interface TrackedResource extends AutoCloseable {

  /** Whether the resource was closed through this handle or by the harness. */
  boolean isClosed();

  /** Closes the resource and stops tracking it; the resource's own exception propagates. */
  @Override
  void close() throws Exception;
}
