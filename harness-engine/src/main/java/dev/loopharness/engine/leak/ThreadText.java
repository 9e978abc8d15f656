package dev.loopharness.engine.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a leaked thread is doing, in a few frames, and what usually stops a thread doing that. */
final class ThreadText {
  static final int FRAMES = 6;
  private static final String DEFAULT_HINT = "Tell it to stop (a flag, interrupt(), or closing what it"
      + " waits on), then join() it before the test ends.";
  // Checked from the top of the stack down; the first frame that matches says what the thread is.
  private static final String[][] HINTS = {
    {"java.util.concurrent.ThreadPoolExecutor.getTask", "It is an idle worker of an ExecutorService:"
        + " shut the executor down (shutdownNow(), then awaitTermination()) before the test ends."},
    {"java.util.TimerThread.mainLoop", "It is the thread of a java.util.Timer: cancel() the timer"
        + " before the test ends."},
    {"java.util.concurrent.ForkJoinPool.awaitWork", "It is an idle worker of a ForkJoinPool: shut the"
        + " pool down (shutdownNow(), then awaitTermination()) before the test ends."},
    {"sun.nio.ch.Net.accept", "It is waiting for connections: close its server socket, then join() it."},
    {"java.net.ServerSocket.accept", "It is waiting for connections: close its server socket, then join() it."},
    {"sun.nio.ch.NioSocketImpl.read", "It is blocked reading a socket: close the socket, then join() it."},
    {"sun.nio.ch.SocketChannelImpl.read", "It is blocked reading a socket: close the channel, then join() it."},
    {"sun.nio.ch.SelectorImpl.select", "It is waiting in a Selector: stop its loop and close the"
        + " selector, then join() it."},
    {"java.lang.Thread.sleep", "It is sleeping: tell it to stop (a flag or interrupt()), then join() it"
        + " before the test ends."},
  };

  private ThreadText() {}

  /**
   * {@code 'name' (daemon) <origin>, <waited>; WAITING at:} followed by its top frames and a hint;
   * {@code detailed = false} leaves out the frames (for threads beyond the first few reported).
   */
  static String describe(Thread thread, String origin, String waited, boolean detailed) {
    StringBuilder text = new StringBuilder("'").append(thread.getName()).append("' (")
        .append(thread.isDaemon() ? "daemon" : "non-daemon: it keeps the JVM from exiting").append(") ")
        .append(origin).append(", ").append(waited);
    StackTraceElement[] stack = detailed ? thread.getStackTrace() : new StackTraceElement[0];
    if (stack.length == 0) {
      return text.append("; ").append(thread.getState()).append('.').toString();
    }
    text.append("; ").append(thread.getState()).append(" at:");
    List<StackTraceElement> frames = frames(stack);
    int resume = resume(frames);
    int shown = 0;
    for (int i = 0; i < frames.size() && shown < FRAMES; i++) {
      if (i == 1 && resume > 1) {
        text.append("\n  ... ").append(resume - 1).append(resume == 2 ? " frame" : " frames")
            .append(" inside the JDK");
        i = resume - 1;
        continue;
      }
      StackTraceElement frame = frames.get(i);
      text.append("\n  at ").append(frame.getClassName()).append('.').append(frame.getMethodName())
          .append('(').append(where(frame)).append(')');
      if (++shown == FRAMES && i + 1 < frames.size()) {
        text.append("\n  ... ").append(frames.size() - i - 1).append(" more");
      }
    }
    String pool = JdkPools.hint(thread);
    return text.append('\n').append(pool != null ? pool : hint(stack)).toString();
  }

  // The JDK internals (locks, parking) between the top frame and what the thread's own code called
  // say nothing useful: the index to resume at after the top frame. Without code of its own, the
  // bottom frames say what the thread is (a pool worker waiting for a task, a timer).
  private static int resume(List<StackTraceElement> frames) {
    for (int j = 0; j < frames.size(); j++) {
      if (!isJdk(frames.get(j).getClassName())) {
        return j > 2 ? j - 1 : 1;
      }
    }
    return Math.max(1, frames.size() - (FRAMES - 1));
  }

  private static boolean isJdk(String className) {
    return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
        || className.startsWith("com.sun.");
  }

  /** {@code 1,234 ms}. */
  static String millis(long ms) {
    return String.format(Locale.ROOT, "%,d ms", ms);
  }

  static String hint(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      String at = frame.getClassName() + "." + frame.getMethodName();
      for (String[] hint : HINTS) {
        if (at.equals(hint[0])) {
          return hint[1];
        }
      }
    }
    return DEFAULT_HINT;
  }

  private static List<StackTraceElement> frames(StackTraceElement[] stack) {
    List<StackTraceElement> frames = new ArrayList<>(stack.length);
    for (StackTraceElement e : stack) {
      if (!e.getClassName().contains("$$Lambda")) {
        frames.add(e);
      }
    }
    return frames;
  }

  private static String where(StackTraceElement e) {
    if (e.isNativeMethod()) {
      return "Native Method";
    }
    if (e.getFileName() == null) {
      return "Unknown Source";
    }
    return e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
  }
}
