package dev.loopharness.engine.kit;

import dev.loopharness.api.LeakKind;
import dev.loopharness.config.Durations;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.UserFrames;
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
    List<StackTraceElement> frames = userFrames(stack);
    if (isLoadingClasses(frames)) {
      return; // JVM warm-up on a busy machine, not the callback's doing; sampled again next period
    }
    runner.seenReported = true;
    StringBuilder text = new StringBuilder("a callback held loop ").append(runner.name())
        .append(" for more than ").append(Durations.format(slow))
        .append(" (harness.loop.slow-callback); its thread '").append(thread.getName())
        .append("' was at:");
    // Always down to the callback's own code (a fixture's frame can lie deep below JDK frames).
    text.append(UserFrames.render(frames, FRAMES));
    owner.record(LeakKind.BLOCKED_LOOP, text.toString(), UserFrames.site(frames));
  }

  // Warm-up, once per JVM: initialising a class anywhere in the callback, or loading a class or
  // linking a lambda or method handle above the callback's own code.
  static boolean isLoadingClasses(List<StackTraceElement> frames) {
    int user = UserFrames.firstUser(frames);
    for (int i = 0; i < frames.size(); i++) {
      StackTraceElement e = frames.get(i);
      String type = e.getClassName();
      boolean aboveUser = user < 0 || i < user;
      if (e.getMethodName().equals("<clinit>")
          || aboveUser && type.equals("java.lang.ClassLoader")
              && (e.getMethodName().startsWith("loadClass") || e.getMethodName().startsWith("defineClass"))
          || aboveUser && type.startsWith("java.lang.invoke.")) {
        return true;
      }
    }
    return false;
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
