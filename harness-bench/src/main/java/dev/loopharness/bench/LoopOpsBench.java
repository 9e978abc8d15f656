package dev.loopharness.bench;

import dev.loopharness.api.Task;
import dev.loopharness.api.Timer;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.leak.Owner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-operation cost of tracked work on one open loop, leak tracking on: each task and timer is
 * registered in its owner's ledger and leaves it when it completes or is cancelled.
 *
 * <p>The "OnLoop" benchmarks do their {@value #BATCH} operations inside one callback on the loop
 * thread (as a test body or a task does), so one cross-thread hand-off is amortised over the batch;
 * "FromThread" ones call from the benchmark thread, paying the loop's MPSC queue and wake-ups.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class LoopOpsBench {
  static final int BATCH = 1000;
  static final int RUNNER_STACK_DEPTH = 25;
  private static final CompletableFuture<Integer> DONE = CompletableFuture.completedFuture(1);
  private static final Supplier<CompletionStage<Integer>> BODY = () -> DONE;
  private static final Runnable NOOP = () -> {};
  private static final Duration LATER = Duration.ofHours(1);

  /** harness.leaks.creation-sites: a stack walk per task, timer and resource when true. */
  @Param({"false", "true"})
  public boolean creationSites;

  private LoopGroup group;
  private Owner owner;
  private HarnessLoop loop;

  @Setup(Level.Trial)
  public void open() {
    group = BenchLoops.group(creationSites);
    owner = BenchLoops.owner();
    loop = BenchLoops.functionLoop(group, owner);
    loop.submit(() -> 0).join();
  }

  @TearDown(Level.Trial)
  public void close() {
    loop.close("the benchmark");
    group.close();
  }

  /** spawn + run + completion, from the loop thread (a test body spawning tasks). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object spawnOnLoop() {
    return spawnBatchOnLoop(0);
  }

  /**
   * Like {@link #spawnOnLoop}, under as many frames as a test body has when Surefire runs it
   * (Surefire, the launcher, the platform's node tasks, the engine's runner: 33 in all, 25 more than here). A creation site
   * found by recording the whole stack would cost more the deeper it is.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object spawnOnLoopUnderSurefireDepth() {
    return spawnBatchOnLoop(RUNNER_STACK_DEPTH);
  }

  private Object spawnBatchOnLoop(int depth) {
    Task<Integer> last = loop.submit(() -> atDepth(depth, () -> {
      Task<Integer> t = null;
      for (int i = 0; i < BATCH; i++) {
        t = loop.spawn(BODY);
      }
      return t;
    })).join();
    return last.toCompletableFuture().join();
  }

  private static <T> T atDepth(int frames, Supplier<T> body) {
    return frames <= 0 ? body.get() : atDepth(frames - 1, body);
  }

  /** spawn + run + completion, spawned from another thread (the benchmark's). */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object spawnFromThread() {
    Task<Integer> t = null;
    for (int i = 0; i < BATCH; i++) {
      t = loop.spawn(BODY);
    }
    return t.toCompletableFuture().join();
  }

  /** schedule (1 h) + cancel, on the loop thread. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object scheduleCancelOnLoop() {
    return loop.submit(() -> {
      boolean all = true;
      for (int i = 0; i < BATCH; i++) {
        Timer t = loop.schedule(LATER, NOOP);
        all &= t.cancel();
      }
      return all;
    }).join();
  }

  /** schedule (1 h) + cancel from another thread; the heap insertions are awaited by a barrier. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object scheduleCancelFromThread() {
    boolean all = true;
    for (int i = 0; i < BATCH; i++) {
      Timer t = loop.schedule(LATER, NOOP);
      all &= t.cancel();
    }
    loop.submit(() -> 0).join();
    return all;
  }

  /** submit from another thread and wait for the result: one full round trip, wake-up included. */
  @Benchmark
  public Object submitRoundTrip() {
    return loop.submit(() -> 1).join();
  }

  /** submit from another thread, {@value #BATCH} in flight, then wait for the last: queue throughput. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object submitFromThreadBatch() {
    CompletableFuture<Integer> f = null;
    for (int i = 0; i < BATCH; i++) {
      f = loop.submit(() -> 1);
    }
    return f.join();
  }
}
