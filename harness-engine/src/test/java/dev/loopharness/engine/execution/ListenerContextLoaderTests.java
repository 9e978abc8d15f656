package dev.loopharness.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.engine.LoopHarnessTestEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What a listener (Surefire's, an IDE's) sees as the context loader while it handles an event: the
 * thread's own classes, and a class that is not there fails fast the second time.
 */
class ListenerContextLoaderTests {
  static class TwoTestsTestCase {
    @AsyncTest
    void one() {}

    @AsyncTest
    void two() {}
  }

  @Test
  void listenersFindTheSameClassesAndRepeatedMissesCostNoStackTrace(@TempDir Path dir) {
    List<String> seen = new CopyOnWriteArrayList<>();
    TestExecutionListener probe = new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, org.junit.platform.engine.TestExecutionResult result) {
        if (!id.isTest()) {
          return;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try {
          Class<?> found = context.loadClass(AsyncTest.class.getName());
          seen.add("found " + (found == AsyncTest.class));
        } catch (ClassNotFoundException e) {
          seen.add("lost " + e);
        }
        try {
          context.loadClass("org.example.NotOnTheClassPath");
        } catch (ClassNotFoundException e) {
          seen.add(e.getMessage() + " trace " + (e.getStackTrace().length > 0));
        }
      }
    };
    LauncherFactory.create(LauncherConfig.builder()
            .enableTestEngineAutoRegistration(false)
            .enableTestExecutionListenerAutoRegistration(false)
            .addTestEngines(new LoopHarnessTestEngine()).build())
        .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(TwoTestsTestCase.class))
            .configurationParameter("harness.report.console", "false")
            .configurationParameter("harness.report.dir", dir.toString()).build(), probe);

    assertThat(seen).containsExactly(
        "found true", "org.example.NotOnTheClassPath trace true",
        "found true", "org.example.NotOnTheClassPath trace false");
  }

  @Test
  void theThreadGetsItsOwnLoaderBackAfterTheEvent() {
    ClassLoader own = Thread.currentThread().getContextClassLoader();
    ClassLoader[] during = new ClassLoader[1];
    ListenerContextLoader.around(() -> during[0] = Thread.currentThread().getContextClassLoader());
    assertThat(during[0]).isNotSameAs(own).hasToString("loop-harness listener view of " + own);
    assertThat(during[0].getParent()).isSameAs(own);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(own);
    assertThatThrownBy(() -> ListenerContextLoader.around(() -> {
      throw new IllegalStateException("listener failed");
    })).hasMessage("listener failed");
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(own);
  }
}
