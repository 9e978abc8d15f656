package dev.loopharness.engine.leak;

import dev.loopharness.api.LeakKind;
import java.util.concurrent.CancellationException;

/**
 * Unhandled errors: an exception that escaped a loop callback, recorded on the callback's owner at
 * once, and a failed task or future nobody observed, watched on its owner and reported when the
 * owner is drained if still nobody did. Each failure is reported once.
 */
public final class UnhandledErrors {
  static final int TOP_FRAMES = 3;

  private UnhandledErrors() {}

  /**
   * Records that {@code failure} escaped {@code callback}, run as {@code owner}: a timer ({@link
   * Tracked} of kind TIMER) is named by its creation site, any other callback by the frame where
   * its own code starts (for a lambda, where it was written).
   */
  public static void escaped(Owner owner, Object callback, Throwable failure) {
    String what;
    String site;
    if (callback instanceof Tracked t && t.kind() == LeakKind.TIMER) {
      what = "a timer callback";
      site = t.creationSite();
    } else {
      what = "a loop callback (execute)";
      site = entryFrame(failure);
    }
    escaped(owner, failure, what, site);
  }

  /** Records that {@code failure} escaped code described by {@code what} (created at {@code site}). */
  public static void escaped(Owner owner, Throwable failure, String what, String site) {
    Owner o = Owner.attribute(owner, null);
    String text = headline(failure) + " escaped " + what + (site.isEmpty() ? "" : " at " + site)
        + "; nothing caught it" + frames(failure);
    o.record(LeakKind.UNHANDLED_ERROR, text, site);
  }

  /**
   * Watches {@code failed}, just completed with {@code failure}, on {@code owner}: reported when the
   * owner is drained unless observed by then. Cancellations never count.
   */
  public static void failed(Owner owner, Retrievable failed, Throwable failure) {
    if (failure instanceof CancellationException || failed.isRetrieved()) {
      return;
    }
    Owner.attribute(owner, null).watch(failed);
  }

  /** The leak text for a failure nobody observed. */
  static String unretrieved(Retrievable failed) {
    Throwable failure = failed.failure();
    return failed.what() + " failed with " + headline(failure)
        + ", and nothing observed its outcome (join, get, handle, whenComplete, exceptionally, then*)"
        + frames(failure);
  }

  static String headline(Throwable failure) {
    String message;
    try {
      message = failure.getMessage();
    } catch (RuntimeException e) {
      message = null;
    }
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  // The top frames of the failure's own code: those above the harness frames that ran it.
  private static String frames(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    int own = trace.length;
    for (int i = 0; i < trace.length; i++) {
      if (isRunAs(trace[i])) {
        own = i;
        break;
      }
    }
    while (own > 1 && (trace[own - 1].getClassName().startsWith("dev.loopharness.engine.loop.")
        || trace[own - 1].getClassName().startsWith("dev.loopharness.engine.kit."))) {
      own--;
    }
    // The first frame says where it was thrown; later runs of JDK frames are folded into one line,
    // so that the frames shown are the failure's own code.
    StringBuilder out = new StringBuilder();
    int shown = 0;
    int i = 0;
    while (i < own && shown < TOP_FRAMES) {
      if (i > 0 && isJdk(trace[i])) {
        int from = i;
        while (i < own && isJdk(trace[i])) {
          i++;
        }
        out.append("\n  ... ").append(i - from).append(i - from == 1 ? " frame" : " frames").append(" inside the JDK");
        continue;
      }
      out.append(i == 0 ? "; at:\n" : "\n").append("  at ").append(frame(trace[i]));
      shown++;
      i++;
    }
    if (trace.length > i) {
      out.append("\n  ... ").append(trace.length - i).append(" more");
    }
    return out.toString();
  }

  // Without the module (java.base/): the same text on every JDK, as thread stacks show frames.
  private static String frame(StackTraceElement f) {
    return f.getClassName() + "." + f.getMethodName() + "(" + (f.isNativeMethod() ? "Native Method"
        : f.getFileName() == null ? "Unknown Source"
        : f.getFileName() + (f.getLineNumber() >= 0 ? ":" + f.getLineNumber() : "")) + ")";
  }

  private static boolean isJdk(StackTraceElement frame) {
    String c = frame.getClassName();
    return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("com.sun.");
  }

  private static boolean isRunAs(StackTraceElement frame) {
    return frame.getClassName().equals(Owner.class.getName()) && frame.getMethodName().equals("runAs");
  }

  /** The frame where the callback's own code starts: the one {@link Owner#runAs} called. */
  static String entryFrame(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    for (int i = 1; i < trace.length; i++) {
      if (isRunAs(trace[i])) {
        StackTraceElement f = trace[i - 1];
        String cls = f.getClassName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethodName() + "("
            + (f.getFileName() == null ? "Unknown Source"
                : f.getFileName() + (f.getLineNumber() >= 0 ? ":" + f.getLineNumber() : "")) + ")";
      }
    }
    return "";
  }
}
