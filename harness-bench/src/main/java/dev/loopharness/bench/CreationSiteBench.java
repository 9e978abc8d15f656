package dev.loopharness.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the cost of {@code harness.leaks.creation-sites = true} goes: the engine's own capture
 * (dev.loopharness.engine.kit.CreationSites#capture, called reflectively)
 * against cheaper ways to remember a call site and resolve it only when a leak is reported.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CreationSiteBench {
  private static final MethodHandle CAPTURE = capture();
  private static final StackWalker PLAIN = StackWalker.getInstance();

  private static MethodHandle capture() {
    try {
      Class<?> sites = Class.forName("dev.loopharness.engine.kit.CreationSites");
      Method m = sites.getDeclaredMethod("capture");
      m.setAccessible(true);
      return MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(String.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** What every spawn, schedule and track pays today when creation sites are on. */
  @Benchmark
  public String engineCapture() throws Throwable {
    return (String) CAPTURE.invokeExact();
  }

  /** Only record the stack (native backtrace, no StackTraceElements); resolve when reported. */
  @Benchmark
  public Object throwableOnly() {
    return new Throwable();
  }

  /** Record the stack and resolve every frame at once (what a lazy site pays only when reported). */
  @Benchmark
  public Object throwableResolved() {
    return new Throwable().getStackTrace()[0];
  }

  /** A StackWalker without RETAIN_CLASS_REFERENCE, stopping at the first frame, unformatted. */
  @Benchmark
  public Object walkerFirstFrame() {
    return PLAIN.walk(s -> s.skip(1).findFirst().orElse(null));
  }
}
