package dev.loopharness.netty;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.PendingWork;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.Owner.Registration;
import dev.loopharness.engine.loop.LoopItem;
import dev.loopharness.engine.loop.LoopText;
import dev.loopharness.engine.loop.PendingWorks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Registers the items of one loop with their owners, and lists what is still live there. */
final class LoopLedger {
  private final Object home;
  private final Owner loopOwner;
  // Owners with items here; the last one is cached to keep registering cheap.
  private final Set<Owner> owners = ConcurrentHashMap.newKeySet();
  private volatile Owner lastOwner;

  LoopLedger(Object home, Owner loopOwner) {
    this.home = home;
    this.loopOwner = loopOwner;
  }

  /** Lists {@code item} with the current owner (else the loop's, else the orphans). */
  Registration register(LoopItem item) {
    Registration r = Owner.attribute(Owner.current(), loopOwner).register(item);
    Owner o = r.owner();
    if (lastOwner != o) {
      owners.add(o);
      lastOwner = o;
    }
    return r;
  }

  List<PendingWork> pendingWork() {
    return PendingWorks.of(owners, home);
  }

  /** E.g. {@code 1 pending task ('x' spawned at ...), 0 armed timers, 2 open resources (channels included), 0 queued callbacks}. */
  String describe(int queued, boolean closed) {
    List<String> tasks = new ArrayList<>();
    List<String> timers = new ArrayList<>();
    List<String> resources = new ArrayList<>();
    for (Owner o : owners) {
      for (Registration r : o.live()) {
        if (r.item().home() == home && r.item() instanceof LoopItem item) {
          (item.kind() == LeakKind.TASK ? tasks : item.kind() == LeakKind.TIMER ? timers : resources)
              .add(item.summary());
        }
      }
    }
    return LoopText.count(tasks, "pending task") + ", " + LoopText.count(timers, "armed timer")
        + ", " + LoopText.count(resources, "open resource") + " (channels included), " + queued
        + " queued callback" + (queued == 1 ? "" : "s") + (closed ? "; the loop is closed" : "");
  }
}
