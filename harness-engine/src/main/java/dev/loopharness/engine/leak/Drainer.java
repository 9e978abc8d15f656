package dev.loopharness.engine.leak;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
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

  public Drainer(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  /**
   * Cancels pending tasks, disarms timers and closes resources owned by {@code owner} (on every
   * loop), repeating while new items appear, awaits quiescence up to the drain timeout, and returns
   * every leak found (tracked items and recorded events) in creation order. Never blocks much longer
   * than the timeout; reported items leave the ledger, so a second drain does not report them again.
   */
  public List<Leak> drain(Owner owner) {
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
    List<Sequenced> all = new ArrayList<>();
    for (Entry e : state.entries) {
      all.add(new Sequenced(e.seq, e.toLeak(owner.name(), timedOut, elapsedMs)));
    }
    for (Event event : owner.takeEvents()) {
      all.add(new Sequenced(event.seq(), event.leak()));
    }
    all.sort(Comparator.comparingLong(Sequenced::seq));
    List<Leak> leaks = new ArrayList<>(all.size());
    for (Sequenced s : all) {
      leaks.add(s.leak());
    }
    return leaks;
  }

  private static List<CompletableFuture<?>> barriers(Owner owner) {
    List<CompletableFuture<?>> barriers = new ArrayList<>();
    for (Tracked home : owner.homes()) {
      barriers.add(home.barrier());
    }
    return barriers;
  }

  private static boolean await(List<CompletableFuture<?>> futures, long deadline) {
    for (CompletableFuture<?> f : futures) {
      if (f.isDone()) {
        continue;
      }
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | java.util.concurrent.CancellationException e) {
        // A close that threw is an outcome, reported per item; it does not stop the drain.
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
      List<CompletableFuture<?>> waits = new ArrayList<>(fresh.size() + 4);
      Map<Object, Tracked> homes = new IdentityHashMap<>();
      for (Registration r : fresh) {
        seen.add(r);
        Tracked item = r.item();
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
        waits.add(entry.stop(item));
        homes.putIfAbsent(item.home(), item);
      }
      if (first) {
        for (Entry e : entries) {
          byOrigin.putIfAbsent(e.origin, e);
        }
      }
      for (Tracked t : homes.values()) {
        waits.add(t.barrier());
      }
      return waits;
    }
  }

  /** One reported leak: the first item seen and, if it kept re-creating itself, the latest one. */
  private static final class Entry {
    final long seq;
    final LeakKind kind;
    final String description;
    final String site;
    final String origin;
    int recreated;
    long stopStarted;
    volatile long stopDone;
    CompletableFuture<Void> stop;

    Entry(long seq, Tracked item) {
      this.seq = seq;
      this.kind = item.kind();
      this.description = item.describe();
      this.site = item.creationSite();
      this.origin = item.origin();
    }

    CompletableFuture<Void> stop(Tracked item) {
      stopStarted = System.nanoTime();
      stopDone = 0;
      CompletableFuture<Void> f = item.stop();
      stop = f;
      f.whenComplete((v, e) -> stopDone = System.nanoTime());
      return f;
    }

    Leak toLeak(String owner, boolean timedOut, long elapsedMs) {
      StringBuilder text = new StringBuilder(description).append("; ").append(outcome());
      if (recreated > 0) {
        text.append(String.format(Locale.ROOT, "; %s %d %s after %s (%s again each time%s)",
            recreatedVerb(), recreated, recreated == 1 ? "time" : "times",
            kind == LeakKind.RESOURCE ? "close" : "cancel", stoppedVerb(),
            timedOut ? ", until the drain timed out after " + elapsedMs + " ms" : ""));
      }
      return new Leak(kind, owner, text.toString(), site);
    }

    private String outcome() {
      long done = stopDone;
      boolean finished = stop.isDone();
      long ms = TimeUnit.NANOSECONDS.toMillis((done != 0 ? done : System.nanoTime()) - stopStarted);
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
          Throwable failure = failure(stop);
          return failure == null ? "closed by the harness" : "closing it threw " + failure;
        default:
          return finished ? "stopped" : "not stopped within " + ms + " ms";
      }
    }

    private String recreatedVerb() {
      return kind == LeakKind.TIMER ? "re-armed" : kind == LeakKind.TASK ? "re-spawned" : "re-opened";
    }

    private String stoppedVerb() {
      return kind == LeakKind.RESOURCE ? "closed" : "cancelled";
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
