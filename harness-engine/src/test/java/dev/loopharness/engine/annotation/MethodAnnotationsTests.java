package dev.loopharness.engine.annotation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Disabled;
import dev.loopharness.api.Loop;
import dev.loopharness.api.LoopScope;
import dev.loopharness.api.Scope;
import dev.loopharness.api.Tag;
import dev.loopharness.api.VirtualClock;
import dev.loopharness.api.VirtualTime;
import dev.loopharness.engine.EngineRuns;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.launcher.TagFilter;

/**
 * The engine's shortcut for "this method has no such annotation" answers exactly as JUnit's search
 * does, composed annotations (an annotation of the user's carrying the harness's) included, and
 * composed annotations work through the engine.
 */
class MethodAnnotationsTests {
  @Retention(RUNTIME)
  @Target({METHOD, ANNOTATION_TYPE})
  @LoopScope(Scope.CLASS)
  @Tag("slow")
  @interface SlowOnClassLoop {}

  @Retention(RUNTIME)
  @Target(METHOD)
  @VirtualTime
  @interface OnVirtualTime {}

  @Retention(RUNTIME)
  @Target(METHOD)
  @SlowOnClassLoop
  @interface TwoLevelsDown {}

  @Retention(RUNTIME)
  @Target(METHOD)
  @Tag("a")
  @Tag("b")
  @interface TwoTags {}

  @Retention(RUNTIME)
  @Target(METHOD)
  @Disabled("broken until the server is fixed")
  @interface Broken {}

  static class Cases {
    void plain() {}

    @Deprecated
    void unrelatedAnnotation() {}

    @LoopScope(Scope.PACKAGE)
    @Tag("direct")
    void direct() {}

    @SlowOnClassLoop
    void composed() {}

    @TwoLevelsDown
    void twoLevelsDown() {}

    @TwoTags
    void tagsThroughAComposedAnnotation() {}

    @OnVirtualTime
    @Tag("virtual")
    void virtual() {}

    @Tag("x")
    @Tag("y")
    void repeatedTags() {}

    @Broken
    void broken() {}

    @AsyncTest(timeout = "2s")
    @Tag("direct")
    void asyncTest() {}
  }

  @Test
  void answersAsJUnitsSearchDoesForEveryKindOfMethod() {
    List<Class<? extends Annotation>> types =
        List.of(LoopScope.class, VirtualTime.class, Disabled.class, Tag.class, AsyncTest.class);
    for (Method method : Cases.class.getDeclaredMethods()) {
      for (Class<? extends Annotation> type : types) {
        assertThat(MethodAnnotations.find(method, type)).as("%s on %s", type.getSimpleName(), method.getName())
            .isEqualTo(AnnotationSupport.findAnnotation(method, type));
        assertThat(MethodAnnotations.isAnnotated(method, type)).as("%s on %s", type.getSimpleName(), method.getName())
            .isEqualTo(AnnotationSupport.isAnnotated(method, type));
        assertThat(MethodAnnotations.direct(method, type)).as("direct %s on %s", type.getSimpleName(), method.getName())
            .isEqualTo(method.getAnnotation(type));
      }
      assertThat(MethodAnnotations.findRepeatable(method, Tag.class)).as("tags of %s", method.getName())
          .isEqualTo(AnnotationSupport.findRepeatableAnnotations(method, Tag.class));
    }
  }

  @Test
  void findsAnnotationsCarriedByTheUsersOwnAnnotations() throws Exception {
    Method deep = Cases.class.getDeclaredMethod("twoLevelsDown");
    assertThat(MethodAnnotations.find(deep, LoopScope.class)).map(LoopScope::value).contains(Scope.CLASS);
    assertThat(MethodAnnotations.isAnnotated(deep, VirtualTime.class)).isFalse();
    assertThat(MethodAnnotations.isAnnotated(Cases.class.getDeclaredMethod("virtual"), VirtualTime.class)).isTrue();
    assertThat(MethodAnnotations.findRepeatable(deep, Tag.class)).extracting(Tag::value).containsExactly("slow");
    assertThat(MethodAnnotations.findRepeatable(Cases.class.getDeclaredMethod("tagsThroughAComposedAnnotation"),
        Tag.class)).extracting(Tag::value).containsExactly("a", "b");
    assertThat(MethodAnnotations.find(Cases.class.getDeclaredMethod("plain"), LoopScope.class)).isEmpty();
    assertThat(MethodAnnotations.findRepeatable(Cases.class.getDeclaredMethod("unrelatedAnnotation"), Tag.class))
        .isEmpty();
  }

  static class ComposedTestCase {
    @AsyncTest
    @Broken
    CompletionStage<Void> skippedByAComposedDisabled(Loop loop) {
      return CompletableFuture.completedFuture(null);
    }

    @AsyncTest
    @SlowOnClassLoop
    CompletionStage<Void> taggedSlowOnTheClassLoop(Loop loop) {
      if (loop.scope() != Scope.CLASS) {
        throw new AssertionError("expected the class loop, ran on the " + loop.scope() + " loop");
      }
      return CompletableFuture.completedFuture(null);
    }

    @AsyncTest(timeout = "10s")
    @OnVirtualTime
    CompletionStage<Void> anHourPassesOnVirtualTime(Loop loop, VirtualClock clock) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      loop.schedule(Duration.ofHours(1), () -> done.complete(null));
      return done.thenRun(() -> {
        if (!clock.elapsed().equals(Duration.ofHours(1))) {
          throw new AssertionError("elapsed " + clock.elapsed());
        }
      });
    }

    @AsyncTest
    CompletionStage<Void> plain(Loop loop) {
      return CompletableFuture.completedFuture(null);
    }
  }

  @Test
  void composedAnnotationsWorkThroughTheEngine() {
    var events = EngineRuns.run(ComposedTestCase.class).testEvents();
    events.assertStatistics(stats -> stats.skipped(1).started(3).succeeded(3));
    assertThat(events.skipped().list()).singleElement().satisfies(e ->
        assertThat(e.getPayload(String.class)).contains("broken until the server is fixed"));

    EngineRuns.engine().selectors(selectClass(ComposedTestCase.class)).filters(TagFilter.includeTags("slow"))
        .execute().testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }
}
