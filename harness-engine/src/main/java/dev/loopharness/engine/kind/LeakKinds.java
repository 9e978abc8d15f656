package dev.loopharness.engine.kind;

import dev.loopharness.api.LeakKind;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything the engine says about each {@link LeakKind}, in one place: its nouns, its fix, and,
 * for tracked items (work that lives on a loop and that the drain stops), the words for its pending
 * state and for stopping it. A new kind is one entry here (the switch does not compile without it),
 * its policy key in {@code reference.conf}, and a line in the README; {@code LeakKindsTests} walks
 * every kind.
 */
public final class LeakKinds {
  private static final String WORK_FIX =
      "Fix: cancel and await background work, and close resources, before the test's stage completes\n"
          + "(or move them into a fixture with a teardown).";
  private static final String FIXTURE_WORK_FIX =
      "Fix: cancel and await the fixture's background work, and close its resources, in its teardown"
          + " (.teardown or .teardownAsync), which runs on its loop before that loop closes.";
  private static final Map<LeakKind, Words> WORDS = new EnumMap<>(LeakKind.class);

  static {
    for (LeakKind kind : LeakKind.values()) {
      WORDS.put(kind, words(kind));
    }
  }

  private LeakKinds() {}

  /**
   * What is said about one kind.
   *
   * @param one the noun for one, e.g. {@code submission to a closed loop}
   * @param many the noun for several
   * @param fix the advice for it (for a tracked item left by a test; see {@link #fix})
   * @param item the words of a tracked item, or null if the kind is an event, not an item
   */
  public record Words(String one, String many, String fix, ItemWords item) {}

  /**
   * The words of a tracked item.
   *
   * @param pending how a loop lists it while it lives, e.g. {@code pending task}, {@code open resource}
   * @param stop what the drain does to it: {@code cancel}, {@code close}
   * @param stopped the same, done: {@code cancelled}, {@code closed}
   * @param recreated what it does if it comes back after being stopped: {@code re-armed}
   */
  public record ItemWords(String pending, String stop, String stopped, String recreated) {}

  private static Words words(LeakKind kind) {
    return switch (kind) {
      case TASK -> new Words("task", "tasks", WORK_FIX,
          new ItemWords("pending task", "cancel", "cancelled", "re-spawned"));
      case TIMER -> new Words("timer", "timers", WORK_FIX,
          new ItemWords("armed timer", "cancel", "cancelled", "re-armed"));
      case RESOURCE -> new Words("resource", "resources", WORK_FIX,
          new ItemWords("open resource", "close", "closed", "re-opened"));
      case CLOSED_LOOP -> new Words("submission to a closed loop", "submissions to closed loops",
          "Fix: do not keep objects that use a loop beyond its scope: give the object's fixture a loopScope"
              + " at least as wide as its scope, or close it before its scope ends.", null);
      case THREAD -> new Words("thread", "threads",
          "Fix: stop and join the threads the test starts before it ends"
              + " (or list their names in harness.leaks.ignore-threads).", null);
      case BLOCKED_LOOP -> new Words("blocking callback", "blocking callbacks",
          "Fix: do not block a loop thread: run blocking calls on another executor and complete a stage"
              + " from there, or split long work into shorter callbacks.", null);
      case UNHANDLED_ERROR -> new Words("unhandled error", "unhandled errors",
          "Fix: handle errors where they happen (try/catch in the callback; handle, exceptionally or"
              + " whenComplete on the task), or return or join the task so that its failure reaches the test.",
          null);
    };
  }

  /** The words of {@code kind}. */
  public static Words of(LeakKind kind) {
    return WORDS.get(kind);
  }

  /** {@code task} or {@code tasks}. */
  public static String noun(LeakKind kind, boolean one) {
    Words w = WORDS.get(kind);
    return one ? w.one() : w.many();
  }

  /** Whether {@code kind} is a tracked item (lives on a loop, is stopped by the drain) rather than an event. */
  public static boolean isItem(LeakKind kind) {
    return WORDS.get(kind).item() != null;
  }

  /** The words of a tracked item's kind; fails for an event kind. */
  public static ItemWords item(LeakKind kind) {
    ItemWords item = WORDS.get(kind).item();
    if (item == null) {
      throw new IllegalArgumentException(kind + " is not a tracked item");
    }
    return item;
  }

  /** The fix for {@code kind}; for a tracked item a fixture left, the one that points at its teardown. */
  public static String fix(LeakKind kind, boolean ofFixture) {
    return ofFixture && isItem(kind) ? FIXTURE_WORK_FIX : WORDS.get(kind).fix();
  }
}
