package dev.loopharness.bench;

import dev.loopharness.api.Leak;
import dev.loopharness.api.Task;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.leak.Drainer;
import dev.loopharness.engine.leak.Owner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one test costs the engine's loop and leak layers, without JUnit: a fresh function loop, the
 * test's work, drain-and-verify, close. {@code jdkExecutorW1} is the same work on a fresh
 * single-thread executor, as the Jupiter "plain" anchor does it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class LoopLifecycleBench {
  @Param({"true"})
  public boolean creationSites;

  private LoopGroup group;
  private Drainer drainer;

  @Setup(Level.Trial)
  public void open() {
    group = BenchLoops.group(creationSites);
    drainer = new Drainer(BenchLoops.DRAIN_TIMEOUT);
  }

  @TearDown(Level.Trial)
  public void close() {
    group.close();
  }

  /** Create a loop, run one callback on it (which attaches a carrier thread), drain, close. */
  @Benchmark
  public Object createRunClose() {
    Owner owner = BenchLoops.owner();
    HarnessLoop loop = BenchLoops.functionLoop(group, owner);
    Integer r = loop.submit(() -> 1).join();
    List<Leak> leaks = drainer.drain(owner);
    owner.end();
    loop.close("the benchmark");
    return leaks.isEmpty() ? r : leaks;
  }

  /** W1's test as the engine runs it, minus JUnit: body on a fresh loop, 10 tasks gathered, drain, close. */
  @Benchmark
  public Object w1Test() {
    Owner owner = BenchLoops.owner();
    HarnessLoop loop = BenchLoops.functionLoop(group, owner);
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    owner.runAs(() -> loop.execute(() -> gather(loop).whenComplete((v, e) -> outcome.complete(v))));
    Object r = outcome.join();
    List<Leak> leaks = drainer.drain(owner);
    owner.end();
    loop.close("the benchmark");
    return leaks.isEmpty() ? r : leaks;
  }

  /** The Jupiter "plain" anchor's test body: a fresh single-thread executor, 10 futures, shutdown. */
  @Benchmark
  public Object jdkExecutorW1() throws Exception {
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      @SuppressWarnings("unchecked")
      CompletableFuture<Integer>[] fs = new CompletableFuture[10];
      for (int k = 0; k < 10; k++) {
        int v = k;
        fs[k] = CompletableFuture.supplyAsync(() -> v, ex);
      }
      int s = 0;
      for (CompletableFuture<Integer> f : fs) {
        s += f.get(5, TimeUnit.SECONDS);
      }
      return s;
    } finally {
      ex.shutdownNow();
      ex.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  static CompletableFuture<Integer> gather(HarnessLoop loop) {
    @SuppressWarnings("unchecked")
    Task<Integer>[] ts = new Task[10];
    CompletableFuture<?>[] all = new CompletableFuture<?>[10];
    for (int k = 0; k < 10; k++) {
      int v = k;
      ts[k] = loop.spawn(() -> CompletableFuture.completedFuture(v));
      all[k] = ts[k].toCompletableFuture();
    }
    return CompletableFuture.allOf(all).thenApply(x -> {
      int s = 0;
      for (Task<Integer> t : ts) {
        s += t.toCompletableFuture().join();
      }
      return s;
    });
  }
}
