package dev.loopharness.api.spi;

import com.google.inject.Key;
import dev.loopharness.api.FixtureContext;
import dev.loopharness.api.Scope;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A fixture declared with the {@link dev.loopharness.api.FixtureModule} DSL, as the engine reads
 * it. Not for test authors: a {@code FixtureModule} binds each fixture's key to its definition
 * (a provider instance binding), which the engine finds through Guice's element SPI.
 *
 * @param <T> the type of the fixture's instance
 */
public interface FixtureDefinition<T> {

  /** The key the fixture is bound to. */
  Key<T> key();

  /** How long one instance lives. */
  Scope scope();

  /** The loop scope set with {@code loopScope(...)}; empty means {@code harness.default-loop-scope}. */
  Optional<Scope> loopScope();

  /** Whether every test of a class using the module gets this fixture, asked or not. */
  boolean autouse();

  /** The dependencies declared with {@code dependsOn(...)}, in declaration order. */
  List<Key<?>> declaredDependencies();

  /** Where the fixture was declared: the {@code fixture(...)} call. */
  StackTraceElement source();

  /**
   * Invokes the setup function; a synchronous one returns a completed stage.
   *
   * @throws Exception whatever the setup function throws
   */
  CompletionStage<? extends T> setUp(FixtureContext context) throws Exception;

  /** Whether a teardown function was declared. */
  boolean hasTeardown();

  /**
   * Invokes the teardown function; returns a completed stage if there is none.
   *
   * @throws Exception whatever the teardown function throws
   */
  CompletionStage<?> tearDown(T instance) throws Exception;
}
