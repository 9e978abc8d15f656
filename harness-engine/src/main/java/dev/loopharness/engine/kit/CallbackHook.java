package dev.loopharness.engine.kit;

import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.UnhandledErrors;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;

/**
 * The one place every callback of a loop runs through: it runs the callback as its owner, tells
 * the watchdog a callback started and ended, and catches what escapes it. Also knows the thread
 * that serves the loop. The base of {@link AbstractHarnessLoop}.
 */
public abstract class CallbackHook {
  private static final VarHandle BUSY;

  static {
    try {
      BUSY = MethodHandles.lookup().findVarHandle(CallbackHook.class, "busy", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Sequence number of the running callback (0 when idle), published with release for the watchdog.
  @SuppressWarnings("unused") // accessed through BUSY
  private long busy;
  private long runs;
  private int depth;
  private Owner busyOwner; // published by the release store of busy
  private volatile Thread thread;
  private volatile Carrier carrier;
  // Watchdog bookkeeping, touched only by the watchdog thread.
  long seenSeq;
  long seenSince;
  boolean seenReported;

  CallbackHook() {}

  /** The loop's name, for messages. */
  public abstract String name();

  /** Whether the loop is closed. */
  public abstract boolean isClosed();

  /**
   * Wakes the loop thread if it idles, so that it looks again at its queue, its clock and whether
   * it is closed; safe from any thread, at any time (also before the loop started).
   */
  protected abstract void wake();

  /**
   * Runs {@code action} on the loop thread as {@code owner}, as one callback: the watchdog sees it
   * start and end, and a throwable escaping it goes to {@link #callbackFailed}. Nested calls (a
   * callback that runs another inline) run as the nested owner within the outer callback.
   */
  public final void runCallback(Owner owner, Runnable action) {
    runCallback(owner, action, action);
  }

  /** {@link #runCallback(Owner, Runnable)}, naming {@code source} (e.g. the timer) if it fails. */
  final void runCallback(Owner owner, Runnable action, Object source) {
    if (depth > 0) {
      owner.runAs(action);
      return;
    }
    started(owner);
    try {
      beforeCallback();
      try {
        owner.runAs(action);
      } finally {
        afterCallback();
      }
    } catch (Throwable e) {
      callbackFailed(owner, source, e);
    } finally {
      ended();
    }
  }

  /** Like {@link #runCallback}, for work whose result or failure belongs to its caller: rethrows. */
  public final <V> V callCallback(Owner owner, Callable<V> action) throws Exception {
    if (depth > 0) {
      return owner.callAs(action);
    }
    started(owner);
    try {
      beforeCallback();
      try {
        return owner.callAs(action);
      } finally {
        afterCallback();
      }
    } finally {
      ended();
    }
  }

  /**
   * Runs on the loop thread before every outermost callback, inside the watchdog's view; nothing by
   * default. A provider enters its library's own context here (Vert.x's {@code Context}).
   */
  protected void beforeCallback() {}

  /** Runs on the loop thread after every outermost callback, also when it threw; nothing by default. */
  protected void afterCallback() {}

  /**
   * A throwable escaped a callback of {@code owner}: it is that owner's {@code UNHANDLED_ERROR},
   * named by {@code source} (a timer by its creation site, other work by where its code starts);
   * the loop keeps running. Once the loop is closed (the callback was interrupted by the close, or
   * runs too late for its owner's drain) nobody can be told, and it goes to the loop thread's
   * uncaught exception handler, as it would on a plain thread.
   */
  protected void callbackFailed(Owner owner, Object source, Throwable failure) {
    if (isClosed()) {
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, failure);
    } else {
      UnhandledErrors.escaped(owner, source, failure);
    }
  }

  private void started(Owner owner) {
    depth++;
    busyOwner = owner;
    BUSY.setRelease(this, ++runs);
  }

  private void ended() {
    BUSY.setRelease(this, 0L);
    depth--;
    if (depth == 0 && thread == Thread.currentThread() && !isClosed()) {
      // An interrupt a callback left never reaches the next one, which may already be queued (the
      // next test's, on a shared loop). Once the loop is closed the interrupt is the close's, and
      // stays: it is what stops a thread that is still around.
      Thread.interrupted();
    }
  }

  /** The thread serving this loop now, or null if none yet (or no longer). */
  public final Thread thread() {
    return thread;
  }

  /** Whether a callback runs now. */
  protected final boolean isRunningCallback() {
    return busySeq() != 0;
  }

  /** Sequence number of the running callback, 0 when none runs. */
  final long busySeq() {
    return (long) BUSY.getAcquire(this);
  }

  /** The owner of the running callback; meaningful only right after {@link #busySeq()} was non-zero. */
  final Owner busyOwner() {
    return busyOwner;
  }

  /** The carrier pool binds the loop to the thread that serves it. */
  final void bind(Carrier c, Thread t) {
    carrier = c;
    thread = t;
  }

  final void unbind() {
    thread = null;
    carrier = null;
  }

  /**
   * Interrupts the callback still running on a loop that closed: nothing waits for it any more, and
   * one still running after its scope was drained is most likely stuck (a sleep, a lock, a wait).
   */
  protected final void interruptRunningCallback() {
    Carrier c = carrier;
    if (c != null && thread != Thread.currentThread() && busySeq() != 0) {
      c.interruptIfServing(this);
    }
  }
}
