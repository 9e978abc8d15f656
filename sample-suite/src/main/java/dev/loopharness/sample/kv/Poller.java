package dev.loopharness.sample.kv;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Selector} served by a repeating task on an executor: every millisecond it calls {@link
 * Selector#selectNow()}, which never blocks, and hands each ready key to a handler. Created and used
 * on the executor's thread only; {@link #close()} stops the task and closes the selector.
 */
final class Poller implements AutoCloseable {
  static final long INTERVAL_MILLIS = 1;

  /** Reacts to one ready key; a thrown exception is passed to {@link #failed}. */
  interface Handler {
    void ready(SelectionKey key) throws IOException;

    /** {@code key}'s handling threw; the handler decides what to close. */
    void failed(SelectionKey key, Exception error);
  }

  private final Selector selector;
  private final Handler handler;
  private ScheduledFuture<?> polling;

  private Poller(Selector selector, Handler handler) {
    this.selector = selector;
    this.handler = handler;
  }

  /** Opens a selector and starts polling it on {@code executor}. */
  static Poller start(ScheduledExecutorService executor, Handler handler) throws IOException {
    Poller poller = new Poller(Selector.open(), handler);
    try {
      poller.polling = executor.scheduleWithFixedDelay(
          poller::poll, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      poller.selector.close();
      throw e;
    }
    return poller;
  }

  /** Registers {@code channel} (already non-blocking) for {@code ops}, with its handler state. */
  SelectionKey register(SelectableChannel channel, int ops, Object attachment) throws IOException {
    return channel.register(selector, ops, attachment);
  }

  private void poll() {
    try {
      if (selector.selectNow() == 0) {
        return;
      }
    } catch (IOException | ClosedSelectorException e) {
      return; // closed under us: the owner is shutting down
    }
    Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
    // A handler may close its owner, and with it this selector, halfway through the ready keys.
    while (selector.isOpen() && ready.hasNext()) {
      SelectionKey key = ready.next();
      ready.remove();
      if (!key.isValid()) {
        continue;
      }
      try {
        handler.ready(key);
      } catch (IOException | RuntimeException e) {
        handler.failed(key, e);
      }
    }
  }

  /** Stops polling and closes the selector; the channels are their owners' to close. Idempotent. */
  @Override
  public void close() {
    if (polling != null) {
      polling.cancel(false);
    }
    try {
      selector.close();
    } catch (IOException e) {
      // Nothing is left to release: the selector's keys are cancelled either way.
    }
  }
}
