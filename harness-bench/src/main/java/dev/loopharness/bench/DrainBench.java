package dev.loopharness.bench;

import dev.loopharness.api.Leak;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.leak.Drainer;
import dev.loopharness.engine.leak.LeakMessages;
import dev.loopharness.engine.leak.Owner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * Drain-and-verify of a test that leaked {@value #TASKS} never-completing tasks and {@value #TIMERS}
 * armed timers: cancel and disarm them all, await quiescence, build the leak list and the bounded
 * {@link LeakMessages#format} text, close the loop. Target: under 1 s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DrainBench {
  static final int TASKS = 100_000;
  static final int TIMERS = 10_000;
  private static final int CHUNK = 1_000;

  /** harness.leaks.creation-sites (default true). */
  @Param({"true", "false"})
  public boolean creationSites;

  private LoopGroup group;
  private Drainer drainer;
  private Owner owner;
  private HarnessLoop loop;
  private int lastLeaks;
  private int lastMessageChars;
  private String lastFirstLeak = "";
  private long lastNotStopped;

  @Setup(Level.Trial)
  public void open() {
    group = BenchLoops.group(creationSites);
    drainer = new Drainer(BenchLoops.DRAIN_TIMEOUT);
  }

  /** The leaky test: spawned and scheduled from its loop, in chunks short of the slow-callback limit. */
  @Setup(Level.Invocation)
  public void leak() {
    owner = BenchLoops.owner();
    loop = BenchLoops.functionLoop(group, owner);
    for (int done = 0; done < TASKS; done += CHUNK) {
      loop.submit(() -> {
        for (int i = 0; i < CHUNK; i++) {
          loop.spawn(CompletableFuture::new);
        }
        return null;
      }).join();
    }
    for (int done = 0; done < TIMERS; done += CHUNK) {
      loop.submit(() -> {
        for (int i = 0; i < CHUNK; i++) {
          loop.schedule(Duration.ofHours(1), () -> {});
        }
        return null;
      }).join();
    }
    loop.submit(() -> null).join();
  }

  @Benchmark
  public String drain() {
    List<Leak> leaks = drainer.drain(owner);
    String message = LeakMessages.format(owner.name(), leaks);
    owner.end();
    loop.close("the benchmark");
    lastLeaks = leaks.size();
    lastMessageChars = message.length();
    lastFirstLeak = leaks.isEmpty() ? "" : leaks.get(0).description();
    // Items the drain could not confirm stopped within harness.timeout.drain (2 s).
    lastNotStopped = leaks.stream().filter(l -> l.description().contains("still pending")
        && l.description().contains("ignored cancellation")
        || l.description().contains("could not be cancelled")).count();
    return message;
  }

  @TearDown(Level.Trial)
  public void close() {
    group.close();
    System.out.printf("%n[drain] creationSites=%s: last drain reported %,d leaks (%,d not confirmed"
        + " stopped within the drain timeout); message %,d chars; first leak: %s%n",
        creationSites, lastLeaks, lastNotStopped, lastMessageChars, lastFirstLeak);
  }
}
