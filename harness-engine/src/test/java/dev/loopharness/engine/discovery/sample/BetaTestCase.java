package dev.loopharness.engine.discovery.sample;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Disabled;

/** A second class in the package; one test is disabled. */
public class BetaTestCase {
  @AsyncTest
  void runs() {}

  @AsyncTest
  @Disabled("waiting for the heartbeat fix")
  void skipped() {}
}
