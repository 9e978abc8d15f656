package dev.loopharness.engine.discovery.sample;

/** Has no @AsyncTest: the engine must not claim it, so it coexists with Jupiter. */
public class JupiterOnlyTestCase {
  @org.junit.jupiter.api.Test
  void jupiterTest() {}
}
