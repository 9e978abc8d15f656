package dev.loopharness.engine.kit;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.PendingWork;
import dev.loopharness.engine.kind.LeakKinds;
import dev.loopharness.engine.leak.Owner.Registration;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.Tracked;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The owners with items on one loop: registers items with their owner and lists what is still live there. */
final class LoopLedger {
  private final AbstractHarnessLoop loop;
  // Owners with items here; the last one is cached to keep registering cheap.
  private final Set<Owner> owners = ConcurrentHashMap.newKeySet();
  private volatile Owner lastOwner;

  LoopLedger(AbstractHarnessLoop loop) {
    this.loop = loop;
  }

  /** Lists {@code item} with the current owner (else the loop's, else the orphans). */
  Registration register(Tracked item) {
    Registration r = Owner.attribute(Owner.current(), loop.owner()).register(item);
    Owner o = r.owner();
    if (lastOwner != o) {
      if (owners.add(o)) {
        prune();
      }
      lastOwner = o;
    }
    return r;
  }

  // An owner that has ended gets no new items (they go to the orphans): once its ledger is empty
  // (drained) it has nothing left on this loop, and class or session loops would otherwise keep
  // one per test that used them.
  private void prune() {
    owners.removeIf(o -> o.isEnded() && o.live().isEmpty());
    Owner last = lastOwner;
    if (last != null && !owners.contains(last)) {
      lastOwner = null; // a late item of a pruned owner lists it again
    }
  }

  /** The items on this loop, each owner's oldest first. */
  List<PendingWork> pendingWork() {
    prune();
    List<PendingWork> work = new ArrayList<>();
    for (Owner o : owners) {
      for (Registration r : o.live()) {
        Tracked item = r.item();
        if (item.home() == loop) {
          work.add(new PendingWork(item.kind(), r.owner().name(), item.describe(), item.creationSite()));
        }
      }
    }
    return List.copyOf(work);
  }

  /** E.g. {@code 1 pending task ('x' spawned at ...), 0 armed timers, 2 open resources}: every item kind, counted. */
  String describe() {
    Map<LeakKind, List<String>> byKind = new EnumMap<>(LeakKind.class);
    for (LeakKind kind : LeakKind.values()) {
      if (LeakKinds.isItem(kind)) {
        byKind.put(kind, new ArrayList<>());
      }
    }
    prune();
    for (Owner o : owners) {
      for (Registration r : o.live()) {
        Tracked item = r.item();
        List<String> ofKind = byKind.get(item.kind());
        if (item.home() == loop && ofKind != null) {
          ofKind.add(item.summary());
        }
      }
    }
    List<String> parts = new ArrayList<>();
    byKind.forEach((kind, items) -> parts.add(LoopText.count(items, LeakKinds.item(kind).pending())));
    return String.join(", ", parts);
  }
}
