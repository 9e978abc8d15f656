package dev.loopharness.engine.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How a thread comes to carry the owner whose code started it, and what that costs the code. */
class ThreadMarksTests {
  private final Owner owner = Owner.create("MarkTest > marks()");

  @Test
  void anOwnersCodeRunsWithItsMarkAsContextLoaderWhichIsRestoredAfterwards() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    AtomicReference<ClassLoader> during = new AtomicReference<>();
    owner.runAs(() -> during.set(Thread.currentThread().getContextClassLoader()));
    assertThat(during.get()).isInstanceOf(ThreadMarks.Mark.class).isNotSameAs(before);
    assertThat(during.get().getParent()).isSameAs(before);
    assertThat(Owner.unmarked(during.get())).isSameAs(before);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    assertThat(Owner.current()).isNull();
  }

  @Test
  void theMarkDelegatesClassAndResourceLookupsToTheLoaderItStandsFor() throws Exception {
    AtomicReference<ClassLoader> mark = new AtomicReference<>();
    owner.runAs(() -> mark.set(Thread.currentThread().getContextClassLoader()));
    assertThat(mark.get().loadClass(ThreadMarksTests.class.getName())).isSameAs(ThreadMarksTests.class);
    assertThat(Class.forName(Owner.class.getName(), false, mark.get())).isSameAs(Owner.class);
    assertThat(mark.get().getResource("golden/leak/task.txt")).isNotNull();
  }

  @Test
  void aThreadStartedByAnOwnersCodeCarriesItsOwnerAndWhereItWasStarted() throws Exception {
    AtomicReference<Owner> seenByTheThread = new AtomicReference<>();
    Thread[] threads = new Thread[2];
    owner.runAs(() -> {
      threads[0] = new Thread(() -> seenByTheThread.set(Owner.current()), "first");
      threads[1] = new Thread(() -> {}, "second");
    });
    for (Thread t : threads) {
      t.start();
      t.join();
    }
    assertThat(seenByTheThread.get()).isSameAs(owner);
    ThreadMarks.Mark first = ThreadMarks.markOf(threads[0]);
    ThreadMarks.Mark second = ThreadMarks.markOf(threads[1]);
    assertThat(first.owner).isSameAs(owner);
    assertThat(second).isNotSameAs(first);
    assertThat(first.site()).matches("ThreadMarksTests\\.lambda\\$\\w+\\$\\d+\\(ThreadMarksTests\\.java:\\d+\\)");
    assertThat(second.site()).isNotEqualTo(first.site()).startsWith("ThreadMarksTests.lambda$");
  }

  @Test
  void aThreadStartedByAMarkedThreadSharesItsMarkWhichSaysSo() throws Exception {
    AtomicReference<Thread> grandchild = new AtomicReference<>();
    Thread[] child = new Thread[1];
    owner.runAs(() -> child[0] = new Thread(() -> grandchild.set(new Thread(() -> {})), "child"));
    child[0].start();
    child[0].join();
    ThreadMarks.Mark mark = ThreadMarks.markOf(child[0]);
    assertThat(ThreadMarks.markOf(grandchild.get())).isSameAs(mark);
    assertThat(mark.isPassedOn()).isTrue();
  }

  @Test
  void threadsOutsideAnOwnersCodeAndThreadsWithoutAContextLoaderAreNotMarked() throws Exception {
    assertThat(ThreadMarks.markOf(new Thread(() -> {}))).isNull();
    onAThreadWith(null, () -> owner.runAs(() -> assertThat(Thread.currentThread().getContextClassLoader()).isNull()));
  }

  @Test
  void anOwnerRunningInsideAnotherSwapsTheMarkAndPutsTheOuterOneBack() throws Exception {
    Owner inner = Owner.create("inner");
    ClassLoader base = new URLClassLoader(new URL[0], getClass().getClassLoader());
    onAThreadWith(base, () -> owner.runAs(() -> {
      ClassLoader outerMark = Thread.currentThread().getContextClassLoader();
      inner.runAs(() -> {
        assertThat(ThreadMarks.markOf(Thread.currentThread()).owner).isSameAs(inner);
        assertThat(Owner.unmarked(Thread.currentThread().getContextClassLoader())).isSameAs(base);
      });
      assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(outerMark);
    }));
  }

  private static void onAThreadWith(ClassLoader loader, Runnable check) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        check.run();
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    thread.setContextClassLoader(loader);
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }
}
