package dev.loopharness.engine.loop;

import java.time.Duration;
import java.util.Objects;

/**
 * How loops behave in one run.
 *
 * @param slowCallback a callback running longer than this is a blocked-loop leak; zero or negative
 *     turns the watchdog off ({@code harness.loop.slow-callback})
 * @param creationSites whether tasks, timers, resources and refused submissions record where they
 *     were created ({@code harness.leaks.creation-sites})
 */
public record LoopSettings(Duration slowCallback, boolean creationSites) {
  public LoopSettings {
    Objects.requireNonNull(slowCallback, "slowCallback");
  }
}
