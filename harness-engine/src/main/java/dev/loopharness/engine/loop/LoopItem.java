package dev.loopharness.engine.loop;

import dev.loopharness.engine.leak.Tracked;

/** A tracked item of the default loop, with the short form used in {@link HarnessLoop#describePending()}. */
public interface LoopItem extends Tracked {

  /** E.g. {@code 'tooSlow' spawned at A.b(A.java:3)} or {@code for 5s at A.b(A.java:9)}. */
  String summary();
}
