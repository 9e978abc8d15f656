package dev.loopharness.engine.kit;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.LoopClosedException;
import dev.loopharness.engine.leak.Owner;
import java.time.LocalTime;

/** The refusal of work sent to a closed loop: one text for every provider. */
final class Refusal {
  /** The advice that ends every {@link LoopClosedException} message. */
  static final String FIX = "Fix: do not keep objects that use this loop beyond its scope: give the"
      + " object's fixture a loopScope at least as wide as its scope, or close it before its scope ends.";

  private Refusal() {}

  /**
   * Records a {@code CLOSED_LOOP} leak on the submitting owner (else on the loop's owner, else the
   * orphans) and returns the exception for the submitter.
   *
   * @param what the refused call, e.g. {@code execute} or {@code spawn 'ping'}
   * @param site where it was called, or empty
   */
  static LoopClosedException of(HarnessLoop loop, String closedBy, LocalTime closedAt, String what,
      String site) {
    String when = "closed at " + LoopText.clock(closedAt) + " by " + closedBy;
    Owner.attribute(Owner.current(), loop.owner()).record(LeakKind.CLOSED_LOOP,
        what + " submitted to loop " + loop.name() + " from thread '" + Thread.currentThread().getName()
            + "'" + (site.isEmpty() ? "" : " at " + site) + ", after the loop was " + when, site);
    return new LoopClosedException(loop.name(), "Loop " + loop.name() + " is closed: it belonged to "
        + loop.owner().name() + " (" + loop.scope().configName() + " scope) and was " + when
        + "; it refused this " + what + ".\n" + FIX);
  }
}
