package dev.loopharness.bench;

import dev.loopharness.api.Scope;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.loop.DefaultLoopProvider;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Opens the engine's default loops the way a run does (reference.conf defaults unless told otherwise). */
final class BenchLoops {
  /** harness.loop.slow-callback's default. */
  static final Duration SLOW_CALLBACK = Duration.ofMillis(100);
  /** harness.timeout.drain's default. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);
  private static final AtomicLong NAMES = new AtomicLong();

  private BenchLoops() {}

  static LoopGroup group(boolean creationSites) {
    return new DefaultLoopProvider().open(new LoopSettings(SLOW_CALLBACK, creationSites));
  }

  /** A fresh function-scoped loop owned by a fresh owner, named like the engine names them. */
  static HarnessLoop functionLoop(LoopGroup group, Owner owner) {
    return group.newLoop("function:Bench.test#" + NAMES.incrementAndGet(), Scope.FUNCTION, owner);
  }

  static Owner owner() {
    return Owner.create("Bench > test#" + NAMES.incrementAndGet() + "()");
  }
}
