package dev.loopharness.api;

import java.util.Set;

/** What a running test knows about itself; a test method parameter of this type receives it. */
public interface TestContext {

  /** The display name, e.g. {@code echoes()}. */
  String displayName();

  /** The JUnit Platform unique id of the test. */
  String uniqueId();

  /** The tags of the test and its class. */
  Set<String> tags();

  /**
   * Publishes a JUnit report entry on this test (shown by Surefire and IDEs).
   *
   * @throws NullPointerException if key or value is null
   */
  void publish(String key, String value);
}
