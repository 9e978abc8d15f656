package dev.loopharness.engine.loop;

import dev.loopharness.api.PendingWork;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.Owner.Registration;
import dev.loopharness.engine.leak.Tracked;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Builds {@link dev.loopharness.api.Loop#pendingWork()} from owners' ledgers, for every loop provider. */
public final class PendingWorks {
  private PendingWorks() {}

  /** The items of {@code owners} that live on {@code home}, each owner's oldest first. */
  public static List<PendingWork> of(Collection<Owner> owners, Object home) {
    List<PendingWork> work = new ArrayList<>();
    for (Owner o : owners) {
      for (Registration r : o.live()) {
        Tracked item = r.item();
        if (item.home() == home) {
          work.add(new PendingWork(item.kind(), r.owner().name(), item.describe(), item.creationSite()));
        }
      }
    }
    return List.copyOf(work);
  }
}
