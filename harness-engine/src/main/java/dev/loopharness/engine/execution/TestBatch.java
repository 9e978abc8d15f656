package dev.loopharness.engine.execution;

import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.leak.Owner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService.TestTask;
import org.junit.platform.engine.support.hierarchical.ThrowableCollector;

/**
 * The tests of one class, run in order on a harness thread of their own (a {@link Runner}, a job on
 * one of the loop group's carriers) while the calling thread supervises: there a test's function
 * loop runs inline, with no thread hand-off per test. A test stuck in a callback past its timeout cannot be stopped, so its runner
 * is abandoned: the supervisor ends that test (its {@link Watch}) and the class goes on on a fresh
 * runner. What the abandoned runner reports for it later is dropped ({@link SupervisedListener}).
 */
final class TestBatch {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  // A runner that is not stuck notices its own timeout; past this margin it is stuck in a callback.
  private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private static final ThreadLocal<Runner> RUNNER = new ThreadLocal<>();

  private final List<? extends TestTask> tasks;
  private final String name;
  private final LoopGroup loops;
  private final Thread supervisor = Thread.currentThread();
  private volatile Runner runner;
  private volatile boolean done;
  private volatile Throwable failure;

  TestBatch(List<? extends TestTask> tasks, String name, LoopGroup loops) {
    this.tasks = tasks;
    this.name = name;
    this.loops = loops;
  }

  /** Runs every task; returns when each has finished or was ended here. */
  void run() {
    start(0);
    while (!done) {
      LockSupport.parkNanos(this, POLL_NANOS);
      Runner current = runner;
      Watch watch = current.watch;
      if (!done && watch != null && watch.overdue(System.nanoTime()) && watch.abandon()) {
        try {
          watch.endHere.run();
        } finally { // the rest of the class runs whatever ending this one did
          if (watch.index + 1 < tasks.size()) {
            start(watch.index + 1);
          } else {
            done = true;
          }
        }
      }
    }
    Throwable failed = failure;
    if (failed != null) { // a runner's failure outside any test: as it is, checked or not
      ThrowableCollector rethrow = Failures.collector();
      rethrow.execute(() -> {
        throw failed;
      });
      rethrow.assertEmpty();
    }
  }

  private void start(int from) {
    Runner next = new Runner(this, from);
    runner = next;
    loops.runJob(next, "tests " + name);
  }

  /**
   * Starts watching the invocation of the running test, if this thread is a runner: past {@code
   * deadline} (plus a grace) the supervisor may abandon it and run {@code endHere} instead. Returns
   * null on any other thread.
   */
  static Watch watch(long deadline, Runnable endHere) {
    Runner current = RUNNER.get();
    if (current == null) {
      return null;
    }
    Watch watch = new Watch(current.index, deadline, endHere);
    current.watch = watch;
    return watch;
  }

  /** Whether the calling thread runs a batch's tests now. */
  static boolean onRunner() {
    return RUNNER.get() != null;
  }

  /** Whether the calling thread is a runner its supervisor abandoned. */
  static boolean onAbandonedRunner() {
    Runner r = RUNNER.get();
    return r != null && r.abandoned();
  }

  /** A job that runs a batch's tasks from an index on, until done or abandoned. */
  static final class Runner implements Runnable {
    private final TestBatch batch;
    private final int from;
    private volatile int index;
    private volatile Watch watch;

    Runner(TestBatch batch, int from) {
      this.batch = batch;
      this.from = from;
    }

    @Override
    public void run() {
      RUNNER.set(this);
      Thread self = Thread.currentThread();
      ClassLoader carrierLoader = self.getContextClassLoader();
      // The tests see the loader the launcher gave its own thread (a carrier's may differ).
      self.setContextClassLoader(Owner.unmarked(batch.supervisor.getContextClassLoader()));
      try {
        for (int i = from; i < batch.tasks.size() && !abandoned(); i++) {
          index = i;
          batch.tasks.get(i).execute();
        }
      } catch (Throwable t) {
        if (!abandoned()) {
          batch.failure = t;
        }
      } finally {
        RUNNER.remove();
        self.setContextClassLoader(carrierLoader);
        if (!abandoned()) {
          batch.done = true;
          LockSupport.unpark(batch.supervisor);
        }
      }
    }

    // Abandoned exactly when the supervisor took its running invocation over (a test runs after
    // the one before completed, so only the last watch can be abandoned).
    boolean abandoned() {
      Watch w = watch;
      return w != null && w.state.get() == Watch.ABANDONED;
    }
  }

  /** The invocation of one test on a runner: completed there, or abandoned by the supervisor. */
  static final class Watch {
    private static final int RUNNING = 0;
    private static final int COMPLETED = 1;
    private static final int ABANDONED = 2;

    private final int index;
    private final long deadline;
    private final Runnable endHere;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    private Watch(int index, long deadline, Runnable endHere) {
      this.index = index;
      this.deadline = deadline;
      this.endHere = endHere;
    }

    boolean overdue(long now) {
      return state.get() == RUNNING && now - deadline > GRACE_NANOS;
    }

    private boolean abandon() {
      return state.compareAndSet(RUNNING, ABANDONED);
    }

    /** Called by the runner when the invocation returns; false if the supervisor ended the test. */
    boolean complete() {
      return state.compareAndSet(RUNNING, COMPLETED);
    }
  }
}
