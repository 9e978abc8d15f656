package dev.loopharness.api;

import com.google.inject.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Declares one fixture in {@link FixtureModule#fixtures()}; returned by {@code fixture(...)}.
 *
 * <p>Every method returns this builder, so a declaration reads as one chain. Exactly one of {@link
 * #setup} and {@link #setupAsync} is required. Without {@code scope}, a fixture lives for one
 * test ({@link Scope#FUNCTION}); without {@code loopScope}, it runs on the loop of {@code
 * harness.default-loop-scope}. Without a teardown, an {@link AutoCloseable} instance is closed at
 * scope end. Mistakes (no setup, two setups, a null argument) are reported with the module's other
 * configuration errors, naming the line of the {@code fixture(...)} call.
 *
 * @param <T> the type of the fixture's instance
 */
public final class FixtureBuilder<T> {
  private final Key<T> key;
  private final StackTraceElement source;
  private final List<String> errors = new ArrayList<>();
  private final List<Key<?>> dependencies = new ArrayList<>();
  private Scope scope = Scope.FUNCTION;
  private Scope loopScope;
  private boolean autouse;
  private AsyncSetup<T> setup;
  private AsyncTeardown<? super T> teardown;

  FixtureBuilder(Key<T> key, StackTraceElement source) {
    this.key = key;
    this.source = source;
  }

  /** How long the instance lives: one test (the default), class, package or the whole run. */
  public FixtureBuilder<T> scope(Scope scope) {
    this.scope = require(scope, "scope");
    return this;
  }

  /**
   * Which scope's loop runs setup and teardown; it must be at least as wide as {@link #scope}, so
   * that the teardown never runs on a closed loop. Default: {@code harness.default-loop-scope}.
   */
  public FixtureBuilder<T> loopScope(Scope loopScope) {
    this.loopScope = require(loopScope, "loopScope");
    return this;
  }

  /** Sets the fixture up for every test of the classes that use its module, even unasked. */
  public FixtureBuilder<T> autouse() {
    this.autouse = true;
    return this;
  }

  /**
   * Declares dependencies that are set up before this fixture's setup function runs. Optional:
   * dependencies read through {@link FixtureContext#get} are learned on first use.
   */
  public FixtureBuilder<T> dependsOn(Class<?>... types) {
    if (require(types, "dependsOn types") != null) {
      for (Class<?> type : types) {
        if (require(type, "dependsOn type") != null) {
          dependencies.add(Key.get(type));
        }
      }
    }
    return this;
  }

  /** Declares dependencies by Guice key; see {@link #dependsOn(Class[])}. */
  public FixtureBuilder<T> dependsOn(Key<?>... keys) {
    if (require(keys, "dependsOn keys") != null) {
      for (Key<?> dependency : keys) {
        if (require(dependency, "dependsOn key") != null) {
          dependencies.add(dependency);
        }
      }
    }
    return this;
  }

  /** The setup function, returning the instance; it runs on the fixture's loop. */
  public FixtureBuilder<T> setup(Setup<? extends T> setup) {
    Setup<? extends T> function = require(setup, "setup");
    return setupAsync(context -> CompletableFuture.completedFuture(
        function.setUp(context)));
  }

  /** The setup function, returning a stage of the instance that the engine awaits. */
  public FixtureBuilder<T> setupAsync(AsyncSetup<T> setup) {
    if (this.setup != null) {
      errors.add("has two setup functions. Fix: keep one .setup(...) or .setupAsync(...).");
    }
    this.setup = require(setup, "setup");
    return this;
  }

  /** The teardown function; it runs on the loop the setup ran on, at scope end. */
  public FixtureBuilder<T> teardown(Teardown<? super T> teardown) {
    Teardown<? super T> function = require(teardown, "teardown");
    return teardownAsync(value -> {
      function.tearDown(value);
      return CompletableFuture.completedFuture(null);
    });
  }

  /** The teardown function, returning a stage that the engine awaits before the loop closes. */
  public FixtureBuilder<T> teardownAsync(AsyncTeardown<? super T> teardown) {
    if (this.teardown != null) {
      errors.add("has two teardown functions. Fix: keep one .teardown(...) or .teardownAsync(...).");
    }
    this.teardown = require(teardown, "teardown");
    return this;
  }

  Key<T> key() {
    return key;
  }

  StackTraceElement source() {
    return source;
  }

  /** What is wrong with this declaration; empty when it can be built. */
  List<String> problems() {
    List<String> problems = new ArrayList<>(errors);
    if (setup == null) {
      problems.add("has no setup function. Fix: add .setup(ctx -> ...) or .setupAsync(ctx -> ...).");
    }
    return problems;
  }

  DslFixture<T> build() {
    return new DslFixture<>(key, scope, loopScope, autouse, List.copyOf(dependencies), source,
        setup, teardown);
  }

  private <V> V require(V value, String what) {
    if (value == null) {
      errors.add("was given a null " + what + ". Fix: pass a non-null value.");
    }
    return value;
  }

  /** A synchronous setup function. */
  @FunctionalInterface
  public interface Setup<T> {
    /** Creates the instance; runs on the fixture's loop. */
    T setUp(FixtureContext context) throws Exception;
  }

  /** An asynchronous setup function. */
  @FunctionalInterface
  public interface AsyncSetup<T> {
    /** Starts creating the instance on the fixture's loop; the engine awaits the stage. */
    CompletionStage<? extends T> setUp(FixtureContext context) throws Exception;
  }

  /** A synchronous teardown function. */
  @FunctionalInterface
  public interface Teardown<T> {
    /** Releases the instance; runs on the loop its setup ran on. */
    void tearDown(T instance) throws Exception;
  }

  /** An asynchronous teardown function. */
  @FunctionalInterface
  public interface AsyncTeardown<T> {
    /** Starts releasing the instance on its loop; the engine awaits the stage. */
    CompletionStage<?> tearDown(T instance) throws Exception;
  }
}
