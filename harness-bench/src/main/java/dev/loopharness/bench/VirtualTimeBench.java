package dev.loopharness.bench;

import dev.loopharness.api.Scope;
import dev.loopharness.engine.clock.VirtualLoopClock;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopSpec;
import dev.loopharness.engine.leak.Owner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A day of one-minute heartbeats on a virtual loop: {@value #FIRINGS} firings of a {@code
 * scheduleAtFixedRate} timer of the executor view (leak tracking and creation sites on, as in a
 * run), reported as real time per firing. "advanceBy" moves the clock a day from another thread
 * ({@code clock.advanceBy(1 day)}); "autoAdvance" waits for a one-day timer while a stage is
 * pending, as a test that returns a stage does, and the clock jumps from timer to timer.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class VirtualTimeBench {
  static final int FIRINGS = 1440;
  private static final Duration DAY = Duration.ofDays(1);

  private LoopGroup group;
  private Owner owner;
  private HarnessLoop loop;
  private VirtualLoopClock clock;
  private final AtomicInteger beats = new AtomicInteger();

  @Setup(Level.Trial)
  public void open() {
    group = BenchLoops.group(true);
    owner = BenchLoops.owner();
    clock = new VirtualLoopClock(Duration.ZERO);
    loop = group.newLoop(new LoopSpec("function:VirtualTimeBench.day#1", Scope.FUNCTION, owner, clock));
  }

  @TearDown(Level.Trial)
  public void close() {
    loop.close("the benchmark");
    group.close();
    if (beats.get() == 0) {
      throw new IllegalStateException("no heartbeat fired");
    }
  }

  @Benchmark
  @OperationsPerInvocation(FIRINGS)
  public int dayOfHeartbeatsAdvanceBy() throws Exception {
    ScheduledFuture<?> heartbeat = owner.callAs(() -> loop.asExecutorService()
        .scheduleAtFixedRate(beats::incrementAndGet, 1, 1, TimeUnit.MINUTES));
    clock.advanceBy(DAY);
    heartbeat.cancel(false);
    return beats.get();
  }

  @Benchmark
  @OperationsPerInvocation(FIRINGS)
  public int dayOfHeartbeatsAutoAdvance() throws Exception {
    CompletableFuture<Void> day = new CompletableFuture<>();
    ScheduledFuture<?> heartbeat = owner.callAs(() -> {
      loop.schedule(DAY.plusSeconds(1), () -> day.complete(null));
      return loop.asExecutorService().scheduleAtFixedRate(beats::incrementAndGet, 1, 1, TimeUnit.MINUTES);
    });
    clock.stageStarted();
    try {
      day.get();
    } finally {
      clock.stageEnded();
    }
    heartbeat.cancel(false);
    return beats.get();
  }
}
