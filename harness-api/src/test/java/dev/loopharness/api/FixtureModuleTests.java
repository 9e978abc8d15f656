package dev.loopharness.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Key;
import com.google.inject.name.Names;
import com.google.inject.spi.Elements;
import com.google.inject.spi.Message;
import com.google.inject.spi.ProviderInstanceBinding;
import dev.loopharness.api.spi.FixtureDefinition;
import dev.loopharness.api.spi.ScopeAnnotations;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The DSL records fixtures as provider-instance bindings that the engine reads through the SPI. */
class FixtureModuleTests {

  static final class Server {}

  static final class Client {}

  static final class Fixtures extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Server.class)
          .scope(Scope.SESSION).loopScope(Scope.SESSION)
          .setupAsync(ctx -> CompletableFuture.completedFuture(new Server()))
          .teardown(server -> { });
      fixture(Key.get(Client.class, Names.named("a")))
          .dependsOn(Server.class)
          .autouse()
          .setup(ctx -> new Client());
    }
  }

  static final class Broken extends FixtureModule {
    @Override
    protected void fixtures() {
      fixture(Server.class).scope(null);
      fixture(Client.class).setup(ctx -> new Client()).setup(ctx -> new Client());
    }
  }

  @Test
  void fixturesAreBoundToTheirDefinitionsInTheirScope() {
    List<FixtureDefinition<?>> definitions = definitions(new Fixtures());

    assertThat(definitions).hasSize(2);
    FixtureDefinition<?> server = definitions.get(0);
    assertThat(server.key()).isEqualTo(Key.get(Server.class));
    assertThat(server.scope()).isEqualTo(Scope.SESSION);
    assertThat(server.loopScope()).contains(Scope.SESSION);
    assertThat(server.hasTeardown()).isTrue();
    assertThat(server.source().getClassName()).isEqualTo(Fixtures.class.getName());
    assertThat(server.source().getMethodName()).isEqualTo("fixtures");

    FixtureDefinition<?> client = definitions.get(1);
    assertThat(client.scope()).isEqualTo(Scope.FUNCTION);
    assertThat(client.loopScope()).isEmpty();
    assertThat(client.autouse()).isTrue();
    assertThat(client.declaredDependencies()).containsExactly(Key.get(Server.class));
    assertThat(client.hasTeardown()).isFalse();
  }

  @Test
  void scopesAreRecordedAsHarnessScopeAnnotations() {
    List<Class<?>> scopes = Elements.getElements(new Fixtures()).stream()
        .filter(ProviderInstanceBinding.class::isInstance)
        .map(e -> ((ProviderInstanceBinding<?>) e).acceptScopingVisitor(new ScopeAnnotationVisitor()))
        .collect(Collectors.toList());
    assertThat(scopes).containsExactly(SessionScoped.class, TestScoped.class);
    assertThat(ScopeAnnotations.scopeOf(ClassScoped.class)).contains(Scope.CLASS);
    assertThat(ScopeAnnotations.of(Scope.PACKAGE)).isEqualTo(PackageScoped.class);
  }

  @Test
  void mistakesAreGuiceErrorsAtTheDeclaringLine() {
    List<Message> messages = Elements.getElements(new Broken()).stream()
        .filter(Message.class::isInstance).map(Message.class::cast)
        .collect(Collectors.toList());
    assertThat(messages).extracting(Message::getMessage).containsExactly(
        "fixture Server was given a null scope. Fix: pass a non-null value.",
        "fixture Server has no setup function. Fix: add .setup(ctx -> ...) or .setupAsync(ctx -> ...).",
        "fixture Client has two setup functions. Fix: keep one .setup(...) or .setupAsync(...).");
    assertThat(messages.get(0).getSource()).contains("FixtureModuleTests.java");
  }

  @Test
  void fixtureOutsideFixturesIsRefused() {
    Fixtures module = new Fixtures();
    assertThatThrownBy(() -> module.fixture(Server.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside fixtures()");
  }

  @Test
  void aPlainInjectorCannotProvideAFixture() throws Exception {
    FixtureDefinition<?> server = definitions(new Fixtures()).get(0);
    assertThatThrownBy(() -> ((com.google.inject.Provider<?>) server).get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set up by Loop Harness");
    assertThat(server.tearDown(null).toCompletableFuture().isDone()).isTrue();
  }

  private static List<FixtureDefinition<?>> definitions(FixtureModule module) {
    return Elements.getElements(module).stream()
        .filter(ProviderInstanceBinding.class::isInstance)
        .map(e -> ((ProviderInstanceBinding<?>) e).getUserSuppliedProvider())
        .filter(FixtureDefinition.class::isInstance)
        .map(p -> (FixtureDefinition<?>) p)
        .collect(Collectors.toList());
  }

  private static final class ScopeAnnotationVisitor
      extends com.google.inject.spi.DefaultBindingScopingVisitor<Class<?>> {
    @Override
    public Class<?> visitScopeAnnotation(Class<? extends java.lang.annotation.Annotation> annotation) {
      return annotation;
    }
  }
}
