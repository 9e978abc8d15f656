package dev.loopharness.api;

import com.google.inject.Key;
import com.google.inject.Provider;
import dev.loopharness.api.spi.FixtureDefinition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A fixture built by {@link FixtureBuilder}; bound as the provider of its key. */
final class DslFixture<T> implements FixtureDefinition<T>, Provider<T> {
  private final Key<T> key;
  private final Scope scope;
  private final Scope loopScope;
  private final boolean autouse;
  private final List<Key<?>> dependencies;
  private final StackTraceElement source;
  private final FixtureBuilder.AsyncSetup<T> setup;
  private final FixtureBuilder.AsyncTeardown<? super T> teardown;

  DslFixture(Key<T> key, Scope scope, Scope loopScope, boolean autouse, List<Key<?>> dependencies,
      StackTraceElement source, FixtureBuilder.AsyncSetup<T> setup,
      FixtureBuilder.AsyncTeardown<? super T> teardown) {
    this.key = key;
    this.scope = scope;
    this.loopScope = loopScope;
    this.autouse = autouse;
    this.dependencies = dependencies;
    this.source = source;
    this.setup = setup;
    this.teardown = teardown;
  }

  @Override
  public Key<T> key() {
    return key;
  }

  @Override
  public Scope scope() {
    return scope;
  }

  @Override
  public Optional<Scope> loopScope() {
    return Optional.ofNullable(loopScope);
  }

  @Override
  public boolean autouse() {
    return autouse;
  }

  @Override
  public List<Key<?>> declaredDependencies() {
    return dependencies;
  }

  @Override
  public StackTraceElement source() {
    return source;
  }

  @Override
  public CompletionStage<? extends T> setUp(FixtureContext context) throws Exception {
    return setup.setUp(context);
  }

  @Override
  public boolean hasTeardown() {
    return teardown != null;
  }

  @Override
  public CompletionStage<?> tearDown(T instance) throws Exception {
    return teardown == null ? CompletableFuture.completedFuture(null) : teardown.tearDown(instance);
  }

  /** Fixtures are created by the engine, on their loop; a plain injector cannot provide them. */
  @Override
  public T get() {
    throw new IllegalStateException("fixture " + key + " (declared at " + source + ") is set up"
        + " by Loop Harness on its loop; it can only be injected into tests and fixtures run by"
        + " the loop-harness engine.");
  }

  @Override
  public String toString() {
    return "fixture " + describe(key) + " (" + scope.configName() + ")";
  }

  /** A key as messages show it: {@code EchoServer}, {@code @Named("backup") EchoServer}. */
  static String describe(Key<?> key) {
    java.lang.reflect.Type type = key.getTypeLiteral().getType();
    String name = type instanceof Class<?> raw ? raw.getSimpleName() : key.getTypeLiteral().toString();
    if (key.getAnnotation() != null) {
      return key.getAnnotation().toString().replaceFirst("^@[\\w.$]*[.$]", "@") + " " + name;
    }
    return key.getAnnotationType() == null ? name : "@" + key.getAnnotationType().getSimpleName() + " " + name;
  }
}
