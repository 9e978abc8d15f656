package dev.loopharness.engine.leak;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text users read when an owner leaked: one line per leak, a summary beyond 20, and the fixes. */
public final class LeakMessages {
  static final int SHOWN = 20;
  private static final String WORK_FIX =
      "Fix: cancel and await background work, and close resources, before the test's stage completes\n"
          + "(or move them into a fixture with a teardown).";
  private static final String FIXTURE_WORK_FIX =
      "Fix: cancel and await the fixture's background work, and close its resources, in its teardown"
          + " (.teardown or .teardownAsync), which runs on its loop before that loop closes.";
  private static final String CLOSED_LOOP_FIX =
      "Fix: do not keep objects that use a loop beyond its scope: give the object's fixture a loopScope"
          + " at least as wide as its scope, or close it before its scope ends.";
  private static final String BLOCKED_FIX =
      "Fix: do not block a loop thread: run blocking calls on another executor and complete a stage"
          + " from there, or split long work into shorter callbacks.";
  private static final String UNHANDLED_FIX =
      "Fix: handle errors where they happen (try/catch in the callback; handle, exceptionally or"
          + " whenComplete on the task), or return or join the task so that its failure reaches the test.";
  private static final String THREAD_FIX =
      "Fix: stop and join the threads the test starts before it ends"
          + " (or list their names in harness.leaks.ignore-threads).";

  private LeakMessages() {}

  /** The {@link dev.loopharness.api.LeakDetectedError} message for {@code leaks} left by {@code ownerName}. */
  public static String format(String ownerName, List<Leak> leaks) {
    StringBuilder out = new StringBuilder(ownerName).append(" leaked ")
        .append(counts(leaks, "")).append(":\n");
    int width = 8;
    for (Leak leak : leaks.subList(0, Math.min(SHOWN, leaks.size()))) {
      width = Math.max(width, leak.kind().name().length());
    }
    String indent = " ".repeat(width + 3);
    for (Leak leak : leaks.subList(0, Math.min(SHOWN, leaks.size()))) {
      out.append("  ").append(pad(leak.kind().name(), width)).append(' ')
          .append(line(leak).replace("\n", "\n" + indent)).append('\n');
    }
    if (leaks.size() > SHOWN) {
      out.append("  ... and ").append(counts(leaks.subList(SHOWN, leaks.size()), "more ")).append('\n');
    }
    out.append(String.join("\n", fixes(leaks)));
    return out.toString();
  }

  private static String line(Leak leak) {
    String site = leak.creationSite();
    if (site.isEmpty() || leak.description().contains(site)) {
      return leak.description();
    }
    return leak.description() + " (created at " + site + ")";
  }

  private static String counts(List<Leak> leaks, String more) {
    Map<LeakKind, Integer> counts = new EnumMap<>(LeakKind.class);
    for (Leak leak : leaks) {
      counts.merge(leak.kind(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((kind, n) -> parts.add(
        String.format(Locale.ROOT, "%,d %s%s", n, more, noun(kind, n == 1))));
    return String.join(", ", parts);
  }

  private static String noun(LeakKind kind, boolean one) {
    switch (kind) {
      case TASK:
        return one ? "task" : "tasks";
      case TIMER:
        return one ? "timer" : "timers";
      case RESOURCE:
        return one ? "resource" : "resources";
      case CLOSED_LOOP:
        return one ? "submission to a closed loop" : "submissions to closed loops";
      case THREAD:
        return one ? "thread" : "threads";
      case BLOCKED_LOOP:
        return one ? "blocking callback" : "blocking callbacks";
      case UNHANDLED_ERROR:
        return one ? "unhandled error" : "unhandled errors";
      default:
        throw new AssertionError(kind);
    }
  }

  /** The fix for one leak, as the failure message would give it; also shown on warnings. */
  public static String fix(Leak leak) {
    return String.join("\n", fixes(List.of(leak)));
  }

  private static List<String> fixes(List<Leak> leaks) {
    boolean work = false;
    boolean fixtureWork = false;
    boolean closed = false;
    boolean blocked = false;
    boolean thread = false;
    boolean unhandled = false;
    for (Leak leak : leaks) {
      LeakKind k = leak.kind();
      boolean isWork = k == LeakKind.TASK || k == LeakKind.TIMER || k == LeakKind.RESOURCE;
      // Owners named by FixtureStore: "fixture EchoServer (session)".
      boolean ofFixture = leak.owner().startsWith("fixture ");
      work |= isWork && !ofFixture;
      fixtureWork |= isWork && ofFixture;
      closed |= k == LeakKind.CLOSED_LOOP;
      blocked |= k == LeakKind.BLOCKED_LOOP;
      thread |= k == LeakKind.THREAD;
      unhandled |= k == LeakKind.UNHANDLED_ERROR;
    }
    List<String> fixes = new ArrayList<>();
    if (work) {
      fixes.add(WORK_FIX);
    }
    if (fixtureWork) {
      fixes.add(FIXTURE_WORK_FIX);
    }
    if (closed) {
      fixes.add(CLOSED_LOOP_FIX);
    }
    if (blocked) {
      fixes.add(BLOCKED_FIX);
    }
    if (thread) {
      fixes.add(THREAD_FIX);
    }
    if (unhandled) {
      fixes.add(UNHANDLED_FIX);
    }
    return fixes;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
