package dev.loopharness.engine.kit;

import java.time.Duration;
import java.util.Objects;

/**
 * How loops behave in one run.
 *
 * @param slowCallback a callback running longer than this is a blocked-loop leak; zero or negative
 *     turns the watchdog off ({@code harness.loop.slow-callback})
 * @param creationSites whether tasks, timers, resources and refused submissions record where they
 *     were created ({@code harness.leaks.creation-sites})
 * @param drainTimeout how long a provider that closes its loops gracefully may take per loop
 *     ({@code harness.timeout.drain}, already scaled by the time factor)
 */
public record LoopSettings(Duration slowCallback, boolean creationSites, Duration drainTimeout) {
  /** The default drain timeout of {@code reference.conf}. */
  public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(2);

  public LoopSettings {
    Objects.requireNonNull(slowCallback, "slowCallback");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
  }

  /** Settings with the default drain timeout. */
  public LoopSettings(Duration slowCallback, boolean creationSites) {
    this(slowCallback, creationSites, DEFAULT_DRAIN);
  }
}
