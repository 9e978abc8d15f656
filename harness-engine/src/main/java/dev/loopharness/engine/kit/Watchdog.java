package dev.loopharness.engine.kit;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.leak.Owner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** One daemon thread per group that samples loops stuck in a callback and records blocked-loop leaks. */
final class Watchdog extends Thread {
  static final int FRAMES = 8;

  private final AbstractLoopGroup group;
  private final Duration slow;
  private final long slowNanos;
  private final long periodNanos;

  Watchdog(AbstractLoopGroup group, Duration slow) {
    super(HarnessThreads.NAME_PREFIX + "watchdog");
    this.group = group;
    this.slow = slow;
    this.slowNanos = slow.toNanos();
    // A callback is caught once it has run for slow-callback plus at most one period.
    this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1),
        Math.min(slowNanos / 4, TimeUnit.MILLISECONDS.toNanos(25)));
  }

  @Override
  public void run() {
    while (!group.isClosed()) {
      LockSupport.parkNanos(this, periodNanos);
      long now = System.nanoTime();
      for (Carrier c : group.carriers()) {
        CallbackHook loop = c.serving();
        if (loop != null) {
          check(loop, now);
        }
      }
    }
  }

  private void check(CallbackHook runner, long now) {
    long seq = runner.busySeq();
    if (seq == 0) {
      return;
    }
    if (seq != runner.seenSeq) {
      runner.seenSeq = seq;
      runner.seenSince = now;
      runner.seenReported = false;
      return;
    }
    if (runner.seenReported || now - runner.seenSince < slowNanos) {
      return;
    }
    Owner owner = runner.busyOwner();
    Thread thread = runner.thread();
    if (thread == null || owner == null) {
      return;
    }
    StackTraceElement[] stack = thread.getStackTrace();
    if (runner.busySeq() != seq) {
      return; // the callback finished while we sampled; the stack would be someone else's
    }
    runner.seenReported = true;
    StringBuilder text = new StringBuilder("a callback held loop ").append(runner.name())
        .append(" for more than ").append(LoopText.duration(slow))
        .append(" (harness.loop.slow-callback); its thread '").append(thread.getName())
        .append("' was at:");
    List<StackTraceElement> frames = userFrames(stack);
    for (StackTraceElement frame : frames.subList(0, Math.min(FRAMES, frames.size()))) {
      text.append("\n  at ").append(frame.getClassName()).append('.').append(frame.getMethodName())
          .append('(').append(frame.isNativeMethod() ? "Native Method" : where(frame)).append(')');
    }
    if (frames.size() > FRAMES) {
      text.append("\n  ... ").append(frames.size() - FRAMES).append(" more");
    }
    owner.record(LeakKind.BLOCKED_LOOP, text.toString(),
        CreationSites.firstUserFrame(frames.toArray(StackTraceElement[]::new)));
  }

  // The frames of the callback itself: the loop's machinery below the callback hook and lambda glue are noise.
  static List<StackTraceElement> userFrames(StackTraceElement[] stack) {
    List<StackTraceElement> frames = new ArrayList<>();
    for (StackTraceElement e : stack) {
      String type = e.getClassName();
      if (type.equals(CallbackHook.class.getName())) {
        break;
      }
      if (!type.contains("$$Lambda") && !type.equals(Owner.class.getName())) {
        frames.add(e);
      }
    }
    return frames;
  }

  static String where(StackTraceElement e) {
    if (e.getFileName() == null) {
      return "Unknown Source";
    }
    return e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
  }
}
