package dev.loopharness.engine.leak;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/** A test, fixture or container that owns tracked work, with its ledger of live items and recorded events. */
public final class Owner {
  // Inheritable only for its hook: the value itself is not inherited (see ThreadMarks).
  private static final ThreadLocal<Owner> CURRENT = ThreadMarks.newCurrent();
  private static final Owner ORPHANS = new Owner("work that outlived its owner");
  // Beyond this, events only count: a loop hammering a closed loop must not exhaust the heap.
  static final int MAX_EVENTS = 10_000;
  private static final String FIXTURE = "fixture ";

  private final String name;
  private volatile boolean ended;
  // The mark that threads started by this owner's code inherit; replaced as they are born.
  volatile ThreadMarks.Mark mark;
  // Loops this owner used (home -> one item living there); lastHome keeps register() cheap.
  private final java.util.Map<Object, Tracked> homes = new java.util.IdentityHashMap<>(2);
  private Object lastHome;
  // The ledger: an intrusive list in creation order, guarded by this.
  private Registration head;
  private Registration tail;
  private long nextSeq;
  private final List<Event> events = new ArrayList<>();
  // Failed tasks and futures nobody had observed yet; see UnhandledErrors.
  private List<Watched> watched;
  private long droppedEvents;

  private Owner(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** A new owner named as reports show it, e.g. {@code PingTest > pings()}. */
  public static Owner create(String name) {
    return new Owner(name);
  }

  /** The owner of a fixture's setup, teardown and work, named e.g. {@code fixture EchoServer (session)}. */
  public static Owner forFixture(String fixtureName, String scopeName) {
    return new Owner(FIXTURE + fixtureName + " (" + scopeName + ")");
  }

  /** Whether {@code ownerName} (as a {@link Leak} carries it) names a fixture's owner. */
  public static boolean isFixtureName(String ownerName) {
    return ownerName.startsWith(FIXTURE);
  }

  /** The run-wide owner of events and work that arrive when no live owner is left. */
  public static Owner orphans() {
    return ORPHANS;
  }

  /**
   * Forgets events recorded on the orphans before a run starts: they belong to an earlier run in
   * the same JVM (an EngineTestKit run, an IDE rerun) and must not fail this one.
   */
  public static void forgetEarlierOrphanEvents() {
    ORPHANS.takeEvents();
  }

  /**
   * The owner whose code runs on this thread; else, on a thread that such code started (or a
   * thread started by one of those), the owner whose code started it; else null.
   */
  public static Owner current() {
    Owner owner = CURRENT.get();
    return owner != null ? owner : ThreadMarks.inherited();
  }

  /** For a loop carrier's {@code getContextClassLoader()}: see {@link ThreadMarks#forConstructor}. */
  public static ClassLoader forConstructor(Thread carrier, ClassLoader loader) {
    return ThreadMarks.forConstructor(carrier, loader);
  }

  /**
   * {@code loader} as it was before an owner's code ran: for threads the harness starts, which
   * must not carry the mark of the owner whose code happened to cause them (see {@link #runAs}).
   */
  public static ClassLoader unmarked(ClassLoader loader) {
    return ThreadMarks.unmarked(loader);
  }

  /** {@code preferred} if it is alive, else {@code fallback} if alive, else {@link #orphans()}. */
  public static Owner attribute(Owner preferred, Owner fallback) {
    if (preferred != null && !preferred.ended) {
      return preferred;
    }
    return fallback != null && !fallback.ended ? fallback : ORPHANS;
  }

  public String name() {
    return name;
  }

  /**
   * Runs {@code r} with this owner as {@link #current()}, restoring the previous one afterwards.
   * Meanwhile the thread's context class loader is a mark of this owner (delegating to the loader
   * it replaces), so that threads started by {@code r} are known to be this owner's.
   */
  public void runAs(Runnable r) {
    Owner previous = CURRENT.get();
    ClassLoader loader = ThreadMarks.enter(this);
    CURRENT.set(this);
    try {
      r.run();
    } finally {
      CURRENT.set(previous);
      ThreadMarks.exit(loader);
    }
  }

  /** Calls {@code c} with this owner as {@link #current()}, restoring the previous one afterwards. */
  public <T> T callAs(Callable<T> c) throws Exception {
    Owner previous = CURRENT.get();
    ClassLoader loader = ThreadMarks.enter(this);
    CURRENT.set(this);
    try {
      return c.call();
    } finally {
      CURRENT.set(previous);
      ThreadMarks.exit(loader);
    }
  }

  /** No more work is attributed to this owner: later items and events go to {@link #orphans()}. */
  public void end() {
    if (this != ORPHANS) {
      ended = true;
    }
  }

  public boolean isEnded() {
    return ended;
  }

  /** Lists {@code item} in this ledger (in the orphans' one if this owner has ended). */
  public Registration register(Tracked item) {
    if (ended) {
      return ORPHANS.register(item);
    }
    Registration r = new Registration(this, item);
    synchronized (this) {
      Object home = item.home();
      if (home != lastHome) {
        lastHome = home;
        homes.putIfAbsent(home, item);
      }
      r.seq = nextSeq++;
      r.prev = tail;
      if (tail == null) {
        head = r;
      } else {
        tail.next = r;
      }
      tail = r;
      r.linked = true;
    }
    return r;
  }

  /** Records an event such as a submission to a closed loop (on the orphans if this owner has ended). */
  public void record(LeakKind kind, String description, String creationSite) {
    if (ended) {
      ORPHANS.record(kind, description, creationSite);
      return;
    }
    Leak leak = new Leak(kind, name, description, creationSite);
    synchronized (this) {
      if (events.size() < MAX_EVENTS) {
        events.add(new Event(nextSeq++, leak));
      } else {
        droppedEvents++;
      }
    }
  }

  /** Watches a failed task or future until this owner is drained (on the orphans if it has ended). */
  void watch(Retrievable failed) {
    if (ended) {
      ORPHANS.watch(failed);
      return;
    }
    synchronized (this) {
      if (watched == null) {
        watched = new ArrayList<>();
      }
      if (watched.size() < MAX_EVENTS) {
        watched.add(new Watched(nextSeq++, failed));
      }
    }
  }

  /** Removes and returns what {@link #watch} collected, in order. */
  synchronized List<Watched> takeWatched() {
    List<Watched> out = watched == null ? List.of() : watched;
    watched = null;
    return out;
  }

  /** One item per loop this owner ever had items on, for quiescence barriers. */
  public synchronized List<Tracked> homes() {
    return new ArrayList<>(homes.values());
  }

  /** The live items, in creation order. */
  public synchronized List<Registration> live() {
    List<Registration> out = new ArrayList<>();
    for (Registration r = head; r != null; r = r.next) {
      out.add(r);
    }
    return out;
  }

  /** Removes and returns the recorded events, with a summary line for any dropped beyond the limit. */
  synchronized List<Event> takeEvents() {
    List<Event> out = new ArrayList<>(events);
    events.clear();
    if (droppedEvents > 0) {
      String text = String.format(java.util.Locale.ROOT,
          "%,d more events were not recorded (limit %,d per owner)", droppedEvents, MAX_EVENTS);
      out.add(new Event(nextSeq++, new Leak(out.get(out.size() - 1).leak().kind(), name, text, "")));
      droppedEvents = 0;
    }
    return out;
  }

  private synchronized void unlink(Registration r) {
    if (!r.linked) {
      return;
    }
    r.linked = false;
    if (r.prev == null) {
      head = r.next;
    } else {
      r.prev.next = r.next;
    }
    if (r.next == null) {
      tail = r.prev;
    } else {
      r.next.prev = r.prev;
    }
    r.prev = null;
    r.next = null;
  }

  @Override
  public String toString() {
    return name;
  }

  /** A watched failure with its place in the owner's creation order. */
  record Watched(long seq, Retrievable failed) {}

  /** A recorded event with its place in the owner's creation order. */
  record Event(long seq, Leak leak) {}

  /** One item's place in a ledger; {@link #unregister()} when the item completes, fires, is cancelled or closed. */
  public static final class Registration {
    private final Owner owner;
    private final Tracked item;
    private long seq;
    private Registration prev;
    private Registration next;
    private boolean linked;

    private Registration(Owner owner, Tracked item) {
      this.owner = owner;
      this.item = item;
    }

    /** The owner whose ledger lists the item (the orphans if the intended owner had ended). */
    public Owner owner() {
      return owner;
    }

    public Tracked item() {
      return item;
    }

    long seq() {
      return seq;
    }

    /** Whether the item is still listed. */
    public boolean isLive() {
      synchronized (owner) {
        return linked;
      }
    }

    /** Removes the item from the ledger; idempotent. */
    public void unregister() {
      owner.unlink(this);
    }
  }
}
