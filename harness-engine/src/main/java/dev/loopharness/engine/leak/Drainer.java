package dev.loopharness.engine.leak;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.kind.LeakKinds;
import dev.loopharness.engine.leak.Owner.Event;
import dev.loopharness.engine.leak.Owner.Registration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Cancels, disarms and closes what an owner left behind, awaits quiescence within a timeout, and reports it. */
public final class Drainer {
  private final Duration drainTimeout;
  private final Duration settle;

  /** A drainer that does not settle. */
  public Drainer(Duration drainTimeout) {
    this(drainTimeout, Duration.ZERO);
  }

  /** A drainer that first lets loops run what is ready for up to {@code settle} (see {@link Settler}). */
  public Drainer(Duration drainTimeout, Duration settle) {
    this.drainTimeout = drainTimeout;
    this.settle = settle;
  }

  /**
   * Cancels pending tasks, disarms timers and closes resources owned by {@code owner} (on every
   * loop), repeating while new items appear, awaits quiescence up to the drain timeout, and returns
   * every leak found (tracked items and recorded events) in creation order. Never blocks much longer
   * than the timeout; reported items leave the ledger, so a second drain does not report them again.
   */
  public List<Leak> drain(Owner owner) {
    Settler.settle(owner, settle);
    long start = System.nanoTime();
    long deadline = start + drainTimeout.toNanos();
    Pass state = new Pass();
    boolean timedOut = false;
    boolean first = true;
    while (true) {
      List<Registration> fresh = state.unseen(owner);
      if (fresh.isEmpty() && first) {
        // Nothing is live, but a callback in flight (a timer re-arming itself) may be about to add
        // an item: let every loop the owner used run what is queued, then look again.
        if (!await(barriers(owner), deadline)) {
          timedOut = true;
        }
        fresh = state.unseen(owner);
      }
      if (fresh.isEmpty()) {
        break;
      }
      if (!await(state.stopAll(fresh, first), deadline)) {
        timedOut = true;
        // Whatever re-created itself during the last wait is stopped too, without waiting again.
        state.stopAll(state.unseen(owner), false);
        break;
      }
      first = false;
    }
    for (Registration r : state.seen) {
      r.unregister();
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    List<Event> events = owner.takeEvents();
    List<Sequenced> all = new ArrayList<>(state.entries.size() + events.size());
    for (Entry e : state.entries) {
      all.add(new Sequenced(e.seq, e.toLeak(owner.name(), timedOut, elapsedMs)));
    }
    for (Event event : events) {
      all.add(new Sequenced(event.seq(), event.leak()));
    }
    for (Owner.Watched w : owner.takeWatched()) {
      if (!w.failed().isRetrieved()) {
        all.add(new Sequenced(w.seq(), new Leak(LeakKind.UNHANDLED_ERROR, owner.name(),
            UnhandledErrors.unretrieved(w.failed()), w.failed().creationSite())));
      }
    }
    if (!inOrder(all)) {
      all.sort(Comparator.comparingLong(Sequenced::seq));
    }
    List<Leak> leaks = new ArrayList<>(all.size());
    for (Sequenced s : all) {
      leaks.add(s.leak());
    }
    return leaks;
  }

  private static boolean inOrder(List<Sequenced> all) {
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i - 1).seq() > all.get(i).seq()) {
        return false;
      }
    }
    return true;
  }

  static List<CompletableFuture<?>> barriers(Owner owner) {
    List<CompletableFuture<?>> barriers = new ArrayList<>();
    for (Tracked home : owner.homes()) {
      barriers.add(home.barrier());
    }
    return barriers;
  }

  static boolean await(List<CompletableFuture<?>> futures, long deadline) {
    for (CompletableFuture<?> f : futures) {
      if (f.isDone()) {
        continue;
      }
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | java.util.concurrent.CancellationException e) {
        // A close that threw, or a failed barrier, is an outcome, not a reason to stop waiting.
      } catch (TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private record Sequenced(long seq, Leak leak) {}

  /** The items seen so far in one drain, grouped into leaks. */
  private static final class Pass {
    final Set<Registration> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    final List<Entry> entries = new ArrayList<>();
    final Map<String, Entry> byOrigin = new HashMap<>();
    // The first pass's origins are indexed only if a later pass needs them (an item re-created itself).
    boolean originsIndexed;

    List<Registration> unseen(Owner owner) {
      List<Registration> fresh = new ArrayList<>();
      for (Registration r : owner.live()) {
        if (!seen.contains(r)) {
          fresh.add(r);
        }
      }
      return fresh;
    }

    List<CompletableFuture<?>> stopAll(List<Registration> fresh, boolean first) {
      List<CompletableFuture<?>> waits = new ArrayList<>();
      Map<Object, Tracked> homes = new IdentityHashMap<>();
      // Items that can be stopped together (e.g. the tasks on one loop: one loop callback for all),
      // in the order their first item was seen.
      Map<Object, Batch> batches = new java.util.LinkedHashMap<>();
      if (!first && !originsIndexed) {
        for (Entry e : entries) {
          byOrigin.putIfAbsent(e.origin(), e);
        }
        originsIndexed = true;
      }
      for (Registration r : fresh) {
        seen.add(r);
        Tracked item = r.item();
        if (item.isPassing()) {
          // e.g. a one-shot timer in its action: wait for its loop; what the action re-arms comes
          // up as an item of its own in the next pass
          homes.putIfAbsent(item.home(), item);
          continue;
        }
        // In later passes an item from the same code on the same loop is the earlier one re-created.
        Entry entry = first ? null : byOrigin.get(item.origin());
        if (entry == null) {
          entry = new Entry(r.seq(), item);
          entries.add(entry);
          if (!first) {
            byOrigin.put(item.origin(), entry);
          }
        } else {
          entry.recreated++;
        }
        Object key = item.stopBatchKey();
        if (key == null) {
          waits.add(entry.stop(item));
        } else {
          batches.computeIfAbsent(key, k -> new Batch()).add(item, entry);
        }
        homes.putIfAbsent(item.home(), item);
      }
      for (Batch b : batches.values()) {
        b.stop(waits);
      }
      for (Tracked t : homes.values()) {
        waits.add(t.barrier());
      }
      return waits;
    }
  }

  /**
   * Items stopped together (when there are at least {@link #MIN} of them) by {@link Tracked#stopBatch}
   * calls of at most {@link #SIZE} items each
   * (short enough not to hold a loop for long: the blocked-loop watchdog must not see the harness),
   * and their entries.
   */
  private static final class Batch {
    static final int SIZE = 256;
    static final int MIN = 64;
    final List<Tracked> items = new ArrayList<>();
    final List<Entry> entries = new ArrayList<>();

    void add(Tracked item, Entry entry) {
      items.add(item);
      entries.add(entry);
    }

    void stop(List<CompletableFuture<?>> waits) {
      if (items.size() < MIN) {
        // A few items are stopped one by one, exactly as without batching.
        for (int i = 0; i < items.size(); i++) {
          waits.add(entries.get(i).stop(items.get(i)));
        }
        return;
      }
      for (int from = 0; from < items.size(); from += SIZE) {
        int to = Math.min(items.size(), from + SIZE);
        List<Tracked> chunk = items.subList(from, to);
        long started = System.nanoTime();
        Stop stop = new Stop(started, chunk.get(0).stopBatch(chunk));
        for (Entry e : entries.subList(from, to)) {
          e.stop = stop;
        }
        waits.add(stop.future);
      }
    }
  }

  /** One stop of one item or of a batch of them: when it started, and when it finished. */
  private static final class Stop {
    final long started;
    final CompletableFuture<Void> future;
    volatile long done;
    String finishedOutcome;

    Stop(long started, CompletableFuture<Void> future) {
      this.started = started;
      this.future = future;
      future.whenComplete((v, e) -> done = System.nanoTime());
    }
  }

  // The words for a tracked item of a kind that is not an item kind (a provider's own).
  private static final LeakKinds.ItemWords OTHER_ITEM =
      new LeakKinds.ItemWords("item", "stop", "stopped", "re-created");

  /** One reported leak: the first item seen and, if it kept re-creating itself, the latest one. */
  private static final class Entry {
    final long seq;
    final LeakKind kind;
    // The first item; its texts are taken when the entry is made, or when it is reported if they
    // cannot change (Tracked.describesStably).
    final Tracked item;
    final String description;
    final String site;
    private String origin;
    int recreated;
    Stop stop;

    Entry(long seq, Tracked item) {
      this.seq = seq;
      this.kind = item.kind();
      this.item = item;
      boolean stable = item.describesStably();
      this.description = stable ? null : item.describe();
      this.site = stable ? null : item.creationSite();
      this.origin = stable ? null : item.origin();
    }

    String origin() {
      if (origin == null) {
        origin = item.origin();
      }
      return origin;
    }

    CompletableFuture<Void> stop(Tracked item) {
      long started = System.nanoTime();
      stop = new Stop(started, item.stop());
      return stop.future;
    }

    Leak toLeak(String owner, boolean timedOut, long elapsedMs) {
      LeakKinds.ItemWords words = LeakKinds.isItem(kind) ? LeakKinds.item(kind) : OTHER_ITEM;
      String description = this.description != null ? this.description : item.describe();
      String site = this.site != null ? this.site : item.creationSite();
      StringBuilder text = new StringBuilder(description).append("; ").append(outcome());
      if (recreated > 0) {
        text.append(String.format(Locale.ROOT, "; %s %d %s after %s (%s again each time%s)",
            words.recreated(), recreated, recreated == 1 ? "time" : "times", words.stop(), words.stopped(),
            timedOut ? ", until the drain timed out after " + elapsedMs + " ms" : ""));
      }
      return new Leak(kind, owner, text.toString(), site);
    }

    private String outcome() {
      Stop s = stop;
      long done = s.done;
      boolean finished = s.future.isDone();
      if (finished && kind != LeakKind.RESOURCE && s.finishedOutcome != null) {
        return s.finishedOutcome;
      }
      String text = outcome(s, done, finished);
      if (finished && kind != LeakKind.RESOURCE) {
        s.finishedOutcome = text;
      }
      return text;
    }

    private String outcome(Stop s, long done, boolean finished) {
      long ms = TimeUnit.NANOSECONDS.toMillis((done != 0 ? done : System.nanoTime()) - s.started);
      switch (kind) {
        case TASK:
          return finished ? "cancelled after " + ms + " ms"
              : "ignored cancellation: still pending after " + ms + " ms";
        case TIMER:
          return finished ? "cancelled" : "could not be cancelled within " + ms + " ms";
        case RESOURCE:
          if (!finished) {
            return "close did not return within " + ms + " ms; abandoned";
          }
          Throwable failure = failure(s.future);
          if (failure == null) {
            String own = item.stopOutcome();
            return own != null ? own : "closed by the harness";
          }
          return "closing it threw " + failure;
        default:
          return finished ? "stopped" : "not stopped within " + ms + " ms";
      }
    }

      private static Throwable failure(CompletableFuture<Void> f) {
      try {
        f.join();
        return null;
      } catch (CompletionException e) {
        return e.getCause() == null ? e : e.getCause();
      } catch (RuntimeException e) {
        return e;
      }
    }
  }
}
