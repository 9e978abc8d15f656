package dev.loopharness.engine.discovery.sample;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Tag;

/** A test class in its own package, for package, class-name and tag selection. */
@Tag("alpha")
public class AlphaTestCase {
  @AsyncTest
  void first() {}

  @AsyncTest
  @Tag("fast")
  void second() {}
}
