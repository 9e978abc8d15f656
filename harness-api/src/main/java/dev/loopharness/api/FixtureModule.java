package dev.loopharness.api;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.Message;
import dev.loopharness.api.spi.ScopeAnnotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Guice module of fixtures, declared with a small DSL in {@link #fixtures()}:
 *
 * <pre>{@code
 * public final class EchoFixtures extends FixtureModule {
 *   @Override protected void fixtures() {
 *     fixture(EchoServer.class)
 *         .scope(Scope.SESSION).loopScope(Scope.SESSION)
 *         .setupAsync(ctx -> EchoServer.start(ctx.loop()))
 *         .teardownAsync(EchoServer::close);
 *     fixture(EchoClient.class)
 *         .setupAsync(ctx -> EchoClient.connect(ctx.loop(), ctx.get(EchoServer.class).port()))
 *         .teardownAsync(EchoClient::close);
 *   }
 * }
 * }</pre>
 *
 * <p>Use it with {@link Fixtures @Fixtures(EchoFixtures.class)} on a test class, or list it in
 * {@code harness.fixtures.modules}. Each fixture is a Guice binding of its key, so tests,
 * {@code @Provides} methods and other fixtures can inject it; plain Guice bindings ({@code bind},
 * {@code @Provides}) may be mixed in within {@code fixtures()}. The module needs a no-argument
 * constructor.
 */
public abstract class FixtureModule extends AbstractModule {
  private List<FixtureBuilder<?>> declaring;

  /** Creates the module; subclasses need a no-argument constructor for {@link Fixtures}. */
  protected FixtureModule() {}

  /** Declares this module's fixtures with {@code fixture(...)} (and any plain Guice bindings). */
  protected abstract void fixtures();

  /**
   * Runs {@link #fixtures()} and binds each declared fixture; final so that no fixture is lost.
   */
  @Override
  protected final void configure() {
    List<FixtureBuilder<?>> builders = new ArrayList<>();
    declaring = builders;
    try {
      fixtures();
    } finally {
      declaring = null;
    }
    for (FixtureBuilder<?> builder : builders) {
      bind(builder);
    }
  }

  /**
   * Declares the fixture bound to {@code type}.
   *
   * @throws IllegalStateException if called outside {@link #fixtures()}
   */
  protected final <T> FixtureBuilder<T> fixture(Class<T> type) {
    return fixture(Key.get(Objects.requireNonNull(type, "type")));
  }

  /**
   * Declares the fixture bound to a generic {@code type}, such as {@code new
   * TypeLiteral<List<String>>() {}}.
   *
   * @throws IllegalStateException if called outside {@link #fixtures()}
   */
  protected final <T> FixtureBuilder<T> fixture(TypeLiteral<T> type) {
    return fixture(Key.get(Objects.requireNonNull(type, "type")));
  }

  /**
   * Declares the fixture bound to {@code key}, e.g. {@code Key.get(EchoServer.class,
   * Names.named("backup"))}.
   *
   * @throws IllegalStateException if called outside {@link #fixtures()}
   */
  protected final <T> FixtureBuilder<T> fixture(Key<T> key) {
    Objects.requireNonNull(key, "key");
    if (declaring == null) {
      throw new IllegalStateException("fixture(" + key + ") was called outside fixtures(). Fix:"
          + " declare fixtures inside " + getClass().getSimpleName() + ".fixtures().");
    }
    FixtureBuilder<T> builder = new FixtureBuilder<>(key, callSite());
    declaring.add(builder);
    return builder;
  }

  private <T> void bind(FixtureBuilder<T> builder) {
    Binder binder = binder().withSource(builder.source());
    List<String> problems = builder.problems();
    if (!problems.isEmpty()) {
      for (String problem : problems) {
        binder.addError(new Message(builder.source(),
            "fixture " + DslFixture.describe(builder.key()) + " " + problem));
      }
      return;
    }
    DslFixture<T> fixture = builder.build();
    binder.bind(fixture.key()).toProvider(fixture).in(ScopeAnnotations.of(fixture.scope()));
  }

  private static StackTraceElement callSite() {
    return StackWalker.getInstance()
        .walk(frames -> frames
            .filter(frame -> !frame.getClassName().equals(FixtureModule.class.getName()))
            .findFirst()
            .map(StackWalker.StackFrame::toStackTraceElement)
            .orElse(null));
  }
}
