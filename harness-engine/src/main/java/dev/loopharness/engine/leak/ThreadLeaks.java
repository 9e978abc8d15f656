package dev.loopharness.engine.leak;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.config.LeakPolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Finds the threads an owner left running: after its work is drained, each thread still alive that
 * its code started is awaited with backoff (up to {@code harness.timeout.drain}) and, if it is
 * still alive then, reported as a {@code THREAD} leak. Never interrupts or stops a thread.
 *
 * <p>Attribution is exact, also when classes run in parallel, for threads that carry an owner's
 * mark: those constructed while the owner's code ran on any thread, and their descendants (see
 * {@link ThreadMarks} for how, and for which threads carry no mark). An unmarked thread that
 * appeared while a test ran is that test's only if no other test ran at the same time (always so
 * in a serial run); otherwise, and for unmarked threads started between tests, it is reported at
 * the end of the run with no known owner. Harness threads (those in {@link HarnessThreadSet}), threads
 * named by {@code harness.leaks.ignore-threads}, threads alive when the run began and, among
 * unmarked ones, JVM, test platform and common-pool threads are never reported.
 */
public final class ThreadLeaks {
  /** The owner named for a thread found at the end of the run without a mark. */
  public static final String UNKNOWN_OWNER = "no known owner";
  private static final long MAX_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /**
   * How long a thread of a pool that never ends by itself gets (a worker that was just told to
   * shut down ends within it), and the most a thread under policy {@code warn} is awaited: a
   * warning must not cost {@code harness.timeout.drain} per test.
   */
  static final Duration SHORT_WAIT = Duration.ofMillis(100);
  // Counts every thread the JVM ever started: unchanged over a window, no thread was started at all.
  private static final ThreadMXBean JVM_THREADS = ManagementFactory.getThreadMXBean();

  private final boolean enabled;
  private final Duration wait;
  private final Duration warnWait;
  private final List<Pattern> ignore;
  private final boolean sites;
  private final Set<Thread> before;
  private final Set<Window> running = new HashSet<>();
  private final Map<Thread, Boolean> reported = new WeakHashMap<>();
  private volatile Known known;

  /**
   * @param enabled false when the thread policy is {@code ignore}: nothing is looked for or awaited
   * @param wait how long to wait for suspects to end ({@code harness.timeout.drain})
   * @param ignore names of threads never reported ({@code harness.leaks.ignore-threads}, whole match)
   * @param sites whether leaks show where a thread was constructed ({@code harness.leaks.creation-sites})
   */
  public ThreadLeaks(boolean enabled, Duration wait, List<Pattern> ignore, boolean sites) {
    this(enabled, wait, wait, ignore, sites);
  }

  /** As above; {@code warnWait} bounds the wait when the thread policy only warns. */
  ThreadLeaks(boolean enabled, Duration wait, Duration warnWait, List<Pattern> ignore, boolean sites) {
    this.enabled = enabled;
    this.wait = wait;
    this.warnWait = warnWait;
    this.ignore = List.copyOf(ignore);
    this.sites = sites;
    this.before = enabled ? snapshot() : Set.of();
  }

  /** The detector for a run configured by {@code config}; threads alive now are never reported. */
  public static ThreadLeaks of(HarnessConfig config) {
    LeakPolicy policy = config.leakPolicy(LeakKind.THREAD);
    Duration wait = config.drainTimeout();
    return new ThreadLeaks(policy != LeakPolicy.IGNORE, wait,
        policy == LeakPolicy.WARN && wait.compareTo(SHORT_WAIT) > 0 ? SHORT_WAIT : wait,
        config.ignoreThreads(), config.creationSites());
  }

  /**
   * Opens the window of a scope instance that begins now. Only a test's window ({@code test}) can
   * claim unmarked threads, and only if no other test's window overlaps it.
   */
  public Window open(boolean test) {
    long started = started();
    Window window = new Window(test, enabled && test ? threadsAt(started) : Set.of(), started);
    if (test && enabled) {
      synchronized (running) {
        if (!running.isEmpty()) {
          window.shared = true;
          running.forEach(w -> w.shared = true);
        }
        running.add(window);
      }
    }
    return window;
  }

  /**
   * Closes {@code window} and returns the threads still alive, after waiting for them, that
   * {@code owners} started, plus (for a test that ran alone) unmarked threads that appeared
   * meanwhile, attributed to {@code scopeOwner}. Each thread is reported once per run.
   */
  public List<Leak> collect(Window window, Collection<Owner> owners, Owner scopeOwner) {
    boolean alone;
    synchronized (running) {
      running.remove(window);
      alone = !window.shared;
    }
    if (!enabled || started() == window.started) {
      // No thread was started while the window was open: its owners (all created since) started
      // none, and none appeared. The common case, and it needs no look at the live threads.
      return List.of();
    }
    List<Suspect> suspects = new ArrayList<>();
    for (Thread thread : LiveThreads.all()) {
      // Cheapest tests first: most threads are someone else's, or were there before.
      ThreadMarks.Mark mark = ThreadMarks.markOf(thread);
      boolean suspect = mark != null ? containsSame(owners, mark.owner)
          : window.test && alone && !window.before.contains(thread) && !LiveThreads.isInfrastructure(thread);
      if (suspect && candidate(thread)) {
        suspects.add(new Suspect(thread, mark, mark != null ? mark.owner.name() : scopeOwner.name()));
      }
    }
    return declare(suspects, "still alive after waiting %s for it to end",
        "appeared while the test ran (it carries no owner's mark, e.g. it was started from a"
            + " common-pool task, so where is unknown)");
  }

  /**
   * At the end of the run: the threads started during it, still alive, that no owner has reported:
   * marked ones started after their owner ended (by its leaked threads), and unmarked ones.
   */
  public List<Leak> sweep() {
    if (!enabled) {
      return List.of();
    }
    List<Suspect> suspects = new ArrayList<>();
    for (Thread thread : LiveThreads.all()) {
      if (before.contains(thread) || !candidate(thread)) {
        continue;
      }
      ThreadMarks.Mark mark = ThreadMarks.markOf(thread);
      if (mark != null || !LiveThreads.isInfrastructure(thread)) {
        suspects.add(new Suspect(thread, mark, mark != null ? mark.owner.name() : UNKNOWN_OWNER));
      }
    }
    return declare(suspects, "still alive at the end of the run, after waiting %s for it to end",
        "was started during the run by code outside any test or fixture callback, or while tests"
            + " ran in parallel, so its owner is unknown");
  }

  private static boolean containsSame(Collection<Owner> owners, Owner owner) {
    for (Owner o : owners) {
      if (o == owner) {
        return true;
      }
    }
    return false;
  }

  private boolean candidate(Thread thread) {
    if (thread == Thread.currentThread() || LiveThreads.isHarness(thread) || isReported(thread)
        || JdkPools.isShared(thread)) {
      return false;
    }
    for (Pattern p : ignore) {
      if (p.matcher(thread.getName()).matches()) {
        return false;
      }
    }
    return true;
  }

  private List<Leak> declare(List<Suspect> suspects, String waitedFormat, String unmarkedOrigin) {
    if (suspects.isEmpty()) {
      return List.of();
    }
    long start = System.nanoTime();
    boolean anyMayEnd = false;
    for (Suspect s : suspects) {
      anyMayEnd |= !JdkPools.neverEndsAlone(s.thread);
    }
    Duration limit = anyMayEnd ? warnWait : SHORT_WAIT.compareTo(warnWait) < 0 ? SHORT_WAIT : warnWait;
    awaitEnd(suspects, start + limit.toNanos());
    String waited = String.format(waitedFormat,
        ThreadText.millis(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
    suspects.sort(Comparator.comparingLong(s -> s.thread.getId()));
    Map<String, String> clientSites = JdkPools.clientSites(suspects, Suspect::thread,
        s -> s.mark == null ? "" : s.mark.site());
    List<Leak> leaks = new ArrayList<>();
    for (Suspect s : suspects) {
      if (!s.thread.isAlive() || !markReported(s.thread)) {
        continue;
      }
      String site = s.mark == null || !sites ? "" : s.mark.site();
      String client = JdkPools.httpClient(s.thread);
      if (sites && client != null && clientSites.containsKey(client)) {
        site = clientSites.get(client); // where the client was created, not where a request started a worker
      }
      String origin = s.mark == null ? unmarkedOrigin
          : site.isEmpty() ? "started by its owner's code"
          : s.mark.isPassedOn() ? "started at " + site + " or by a thread started there"
          : "started at " + site;
      leaks.add(new Leak(LeakKind.THREAD, s.owner,
          ThreadText.describe(s.thread, origin, waited, leaks.size() < LeakMessages.SHOWN), site));
    }
    return leaks;
  }

  // Joins the suspects in turn, in slices that double from 1 ms to 100 ms, until all ended or the deadline.
  private static void awaitEnd(List<Suspect> suspects, long deadline) {
    long step = TimeUnit.MILLISECONDS.toNanos(1);
    List<Suspect> alive = new ArrayList<>(suspects);
    while (true) {
      alive.removeIf(s -> !s.thread.isAlive());
      long left = deadline - System.nanoTime();
      if (alive.isEmpty() || left <= 0) {
        return;
      }
      long slice = Math.min(step, left);
      try {
        alive.get(0).thread.join(TimeUnit.NANOSECONDS.toMillis(slice), (int) (slice % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      step = Math.min(step * 2, MAX_STEP_NANOS);
    }
  }

  private boolean isReported(Thread thread) {
    synchronized (reported) {
      return reported.containsKey(thread);
    }
  }

  private boolean markReported(Thread thread) {
    synchronized (reported) {
      return reported.put(thread, Boolean.TRUE) == null;
    }
  }

  private static long started() {
    return JVM_THREADS.getTotalStartedThreadCount();
  }

  /**
   * The live threads when the JVM had started {@code started} threads: the last list taken while
   * that was the count (threads that ended since are still in it, which is harmless), else a new
   * one. The count is read before the list is taken, so a list may hold a thread the count does
   * not know yet, never the other way round.
   */
  private Set<Thread> threadsAt(long started) {
    Known last = known;
    if (last != null && last.started == started) {
      return last.threads;
    }
    Set<Thread> threads = snapshot();
    known = new Known(started, threads);
    return threads;
  }

  private record Known(long started, Set<Thread> threads) {}

  private static Set<Thread> snapshot() {
    Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>());
    threads.addAll(LiveThreads.all());
    return threads;
  }

  /** The threads alive when a scope instance began, and whether another test ran at the same time. */
  public static final class Window {
    final boolean test;
    final Set<Thread> before;
    final long started;
    volatile boolean shared;

    Window(boolean test, Set<Thread> before, long started) {
      this.test = test;
      this.before = before;
      this.started = started;
    }
  }

  private record Suspect(Thread thread, ThreadMarks.Mark mark, String owner) {}
}
