package dev.loopharness.engine.kit;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.leak.Owner;
import java.util.ArrayList;
import java.util.List;

/** Describes the harness threads still alive after their group closed: stuck where interruption cannot reach. */
final class StuckThreads {
  static final String NO_OWNER = "the harness";

  private StuckThreads() {}

  /** One {@code BLOCKED_LOOP} leak per carrier of {@code carriers} still alive, on the owner of its callback. */
  static List<Leak> of(List<Carrier> carriers) {
    List<Leak> leaks = new ArrayList<>();
    for (Carrier carrier : carriers) {
      if (carrier.thread().isAlive()) {
        leaks.add(describe(carrier));
      }
    }
    return leaks;
  }

  private static Leak describe(Carrier carrier) {
    Owner owner = null;
    String what = "a harness job";
    CallbackHook loop = carrier.serving();
    if (loop != null) {
      owner = loop.busyOwner();
      what = "a callback of " + (owner == null ? "an unknown owner" : owner.name()) + " on loop "
          + loop.name();
    }
    Thread thread = carrier.thread();
    List<StackTraceElement> frames = Watchdog.userFrames(thread.getStackTrace());
    StringBuilder text = new StringBuilder("thread '").append(thread.getName())
        .append("' was still running ").append(what).append(" when the run ended; it ignored")
        .append(" interruption, so it is left running as a daemon thread (it does not keep the JVM")
        .append(" alive). It is at:");
    for (StackTraceElement frame : frames.subList(0, Math.min(Watchdog.FRAMES, frames.size()))) {
      text.append("\n  at ").append(frame.getClassName()).append('.').append(frame.getMethodName())
          .append('(').append(frame.isNativeMethod() ? "Native Method" : Watchdog.where(frame)).append(')');
    }
    text.append("\nFix: make blocking calls on a loop interruptible or bounded (lockInterruptibly,")
        .append(" a timeout, a loop that checks Thread.interrupted()), or move them off the loop.");
    return new Leak(LeakKind.BLOCKED_LOOP, owner == null ? NO_OWNER : owner.name(), text.toString(),
        CreationSites.firstUserFrame(frames.toArray(StackTraceElement[]::new)));
  }
}
