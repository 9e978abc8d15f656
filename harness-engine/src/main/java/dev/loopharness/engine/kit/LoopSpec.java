package dev.loopharness.engine.kit;

import dev.loopharness.api.Scope;
import dev.loopharness.engine.leak.Owner;
import java.util.Objects;

/**
 * What the engine asks of a new loop: its name (unique within the run), the scope it serves, the
 * owner of that scope instance and its clock.
 */
public record LoopSpec(String name, Scope scope, Owner owner, LoopClock clock) {
  public LoopSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(clock, "clock");
  }

  /** A loop on the real clock. */
  public LoopSpec(String name, Scope scope, Owner owner) {
    this(name, scope, owner, LoopClock.real());
  }
}
