package dev.loopharness.api;

import com.google.inject.Key;

/**
 * What a fixture's setup function receives: its loop, its dependencies, its scope and the test
 * that caused the setup.
 *
 * <h2>Dependencies</h2>
 *
 * <p>A fixture's dependencies are set up before its setup function is invoked, so {@link
 * #get(Class)} never blocks a loop: it returns an instance that is already there. The engine knows
 * a fixture's dependencies from {@link FixtureBuilder#dependsOn(Class[]) dependsOn(...)}, from
 * Guice injection points, and by learning: when a setup function calls {@code get(X)} for a
 * fixture {@code X} that is not set up yet, {@code get} throws an internal signal that ends this
 * attempt; the engine checks the new dependency (a fixture may only depend on fixtures that live at
 * least as long as it does, and not on itself through others), sets {@code X} up on its own loop,
 * and invokes the setup function again. A learned dependency is remembered for the rest of the run,
 * so the setup function runs once per instance from then on.
 *
 * <p>So that a learning attempt has no side effects, call {@code get(...)} before starting work
 * (or declare the dependency with {@code dependsOn}), and do not catch the signal: it is an {@link
 * Error} for that reason. A dependency on a fixture of a narrower scope, a cycle, or a key no
 * module binds fails every test that needs this fixture, with a message that names the chain.
 *
 * <p>Instances are only valid on the thread that runs the setup or, for asynchronous setups,
 * until the returned stage completes.
 */
public interface FixtureContext {

  /**
   * The loop this fixture is set up on (and will be torn down on): the loop of its loop scope.
   * The setup function itself runs on this loop ({@code loop().inLoop()} is true).
   */
  Loop loop();

  /**
   * The instance of the fixture or binding for {@code type}, set up first if it was not.
   *
   * @throws com.google.inject.ConfigurationException if no module binds {@code type}
   * @throws RuntimeException the setup failure of that dependency, if it failed
   * @see FixtureContext the dependency rules
   */
  <T> T get(Class<T> type);

  /**
   * The instance of the fixture or binding for {@code key}, set up first if it was not.
   *
   * @throws com.google.inject.ConfigurationException if no module binds {@code key}
   * @throws RuntimeException the setup failure of that dependency, if it failed
   * @see FixtureContext the dependency rules
   */
  <T> T get(Key<T> key);

  /** The scope of the fixture being set up: how long its instance lives. */
  Scope scope();

  /**
   * The test whose run caused this setup: for a session, package or class fixture, the first test
   * that needed it. Use it to {@link TestContext#publish publish} report entries.
   */
  TestContext testContext();

  /**
   * The virtual clock of {@link #loop()}, for fixtures set up on a loop that runs on virtual time:
   * the function loop of a {@link VirtualTime @VirtualTime} test, the class loop of a
   * {@code @VirtualTime} class, or any loop under {@code harness.loop.clock = virtual}.
   *
   * @throws IllegalStateException if {@link #loop()} runs on the wall clock; the message names
   *     {@code @VirtualTime} and the loop, and the test fails with it
   */
  VirtualClock virtualClock();
}
