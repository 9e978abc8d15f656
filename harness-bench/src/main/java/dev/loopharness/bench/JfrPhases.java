package dev.loopharness.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The per-test breakdown of a W1 run from a JFR recording of the JVM that ran the tests (the
 * Surefire fork, or {@link LauncherTiming}): the CPU samples and parks of the threads on the
 * per-test path (the launcher's thread, the harness's test runners, loop carriers and watchdog),
 * each attributed to the phase of the per-test path it happened in, from its stack. The first
 * matching rule, walking from the leaf frame down, names the phase (so a report write made inside
 * the verdict counts as report, and Surefire's listener code as Surefire's own share).
 *
 * <p>usage: {@code JfrPhases RECORDING.jfr TESTS [THREAD_NAME] [SAMPLE_PERIOD_MS] [TOP]} (thread
 * {@code main}, period 1 ms: the recording's {@code jdk.ExecutionSample#period}; TOP hottest
 * methods per phase, none by default).
 */
public final class JfrPhases {
  private static final String ENGINE = "dev.loopharness.engine.";
  // Engine phases, found from the root frame up: the outermost one names the phase.
  private static final String[][] ENGINE_PHASES = {
      {"supervisor", "dev.loopharness.engine.execution.TestBatch|run"},
      {"invocation", "dev.loopharness.engine.execution.AsyncInvocation|invoke"},
      {"drain+verify", "dev.loopharness.engine.execution.ScopeInstance|end"},
      {"drain+verify", "dev.loopharness.engine.execution.ScopeInstance|tearDownFixtures"},
      {"drain+verify", "dev.loopharness.engine.leak.LeakVerdict|apply"},
      {"drain+verify", "dev.loopharness.engine.execution.HarnessExecutionContext|exitScope"},
  };
  private static final List<String> PHASES = List.of("discovery", "scope set-up", "invocation",
      "drain+verify", "report", "surefire", "platform", "other", "supervisor", "carriers", "watchdog");

  private JfrPhases() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int tests = Integer.parseInt(args[1]);
    String threadName = args.length > 2 ? args[2] : "main";
    double periodMs = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
    int top = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    Map<String, Map<String, Long>> hot = new LinkedHashMap<>();
    Map<String, long[]> phases = new LinkedHashMap<>();
    for (String phase : PHASES) {
      phases.put(phase, new long[2]);
    }
    Map<String, Long> otherThreads = new LinkedHashMap<>();
    long samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      boolean sample = type.equals("jdk.ExecutionSample") || type.equals("jdk.NativeMethodSample");
      boolean park = type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorWait")
          || type.equals("jdk.JavaMonitorEnter");
      if (!sample && !park) {
        continue;
      }
      RecordedThread thread = e.getThread(sample ? "sampledThread" : "eventThread");
      String name = thread == null ? "?" : thread.getJavaName();
      // The test path: the thread that runs tests (main, or the harness's test runners), plus the
      // loop carriers and the watchdog, told apart by their stacks.
      if (!threadName.equals(name) && !name.startsWith("loop-harness")) {
        if (sample) {
          otherThreads.merge(group(name), 1L, Long::sum);
        }
        continue;
      }
      String phase = phase(e.getStackTrace());
      if (sample) {
        phases.get(phase)[0]++;
        samples++;
        hot.computeIfAbsent(phase, p -> new LinkedHashMap<>()).merge(hotFrame(e.getStackTrace()), 1L, Long::sum);
      } else {
        phases.get(phase)[1] += e.getDuration().toNanos();
      }
    }
    print(phases, otherThreads, samples, tests, periodMs, threadName);
    if (top > 0) {
      for (Map.Entry<String, Map<String, Long>> p : hot.entrySet()) {
        List<Map.Entry<String, Long>> methods = new ArrayList<>(p.getValue().entrySet());
        methods.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        System.out.println("hottest in " + p.getKey() + " (CPU µs/test):");
        for (Map.Entry<String, Long> m : methods.subList(0, Math.min(top, methods.size()))) {
          System.out.printf(Locale.ROOT, "  %8.1f  %s%n", m.getValue() * periodMs * 1000 / tests, m.getKey());
        }
      }
    }
  }

  // The leaf frame, and the first frame outside the JDK below it: what is hot and who asked.
  private static String hotFrame(RecordedStackTrace stack) {
    if (stack == null || stack.getFrames().isEmpty()) {
      return "?";
    }
    List<RecordedFrame> frames = stack.getFrames();
    String leaf = name(frames.get(0));
    if (Boolean.getBoolean("phases.engineFrames")) { // the first engine frame from the leaf
      for (RecordedFrame f : frames) {
        if (type(f).startsWith(ENGINE)) {
          return name(f) + ":" + f.getLineNumber();
        }
      }
    }
    for (RecordedFrame f : frames) {
      String type = type(f);
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        String caller = name(f);
        return caller.equals(leaf) ? leaf : leaf + " <- " + caller;
      }
    }
    return leaf;
  }

  private static String name(RecordedFrame f) {
    String type = type(f);
    return type.substring(type.lastIndexOf('.') + 1) + "." + (f.getMethod() == null ? "?" : f.getMethod().getName());
  }

  private static void print(Map<String, long[]> phases, Map<String, Long> otherThreads, long samples,
      int tests, double periodMs, String threadName) {
    System.out.printf(Locale.ROOT, "threads '%s' and loop-harness*: %,d CPU samples (%.1f ms each), %d tests%n",
        threadName, samples, periodMs, tests);
    System.out.printf(Locale.ROOT, "%-14s %12s %10s %12s %10s%n", "phase", "CPU µs/test", "CPU %",
        "parked µs/test", "");
    for (Map.Entry<String, long[]> p : phases.entrySet()) {
      long[] v = p.getValue();
      System.out.printf(Locale.ROOT, "%-14s %12.1f %9.1f%% %12.1f%n", p.getKey(),
          v[0] * periodMs * 1000 / tests, samples == 0 ? 0 : 100.0 * v[0] / samples,
          v[1] / 1000.0 / tests);
    }
    List<Map.Entry<String, Long>> others = new ArrayList<>(otherThreads.entrySet());
    others.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
    System.out.println("other threads, CPU µs/test:");
    for (Map.Entry<String, Long> o : others.subList(0, Math.min(8, others.size()))) {
      System.out.printf(Locale.ROOT, "  %-40s %10.1f%n", o.getKey(), o.getValue() * periodMs * 1000 / tests);
    }
  }

  // Threads that differ only by a number or a loop name count as one.
  private static String group(String name) {
    if (name.startsWith("loop-harness")) {
      return name.startsWith("loop-harness watchdog") ? "loop-harness watchdog" : "loop-harness carriers";
    }
    return name.replaceAll("[#-]?\\d+$", "");
  }

  /**
   * The phase of one stack: discovery if the launcher is discovering; else the first frame from the
   * leaf that is Surefire's, the platform's or the engine's decides: Surefire's own share (its
   * listener), the report (the engine's report package), the platform (JUnit's own bookkeeping),
   * or, for other engine frames, the outermost engine phase on the stack (scope set-up if none).
   */
  static String phase(RecordedStackTrace stack) {
    if (stack == null) {
      return "other";
    }
    List<RecordedFrame> frames = stack.getFrames();
    boolean testRunner = false;
    for (RecordedFrame f : frames) {
      testRunner |= type(f).equals(ENGINE + "execution.TestBatch$Runner");
    }
    for (RecordedFrame f : frames) {
      String type = type(f);
      // A carrier serving a loop (or idle); a carrier running a class's tests is on the test path.
      if (!testRunner && (type.equals(ENGINE + "loop.Carrier") || type.equals(ENGINE + "kit.Carrier"))) {
        return "carriers";
      }
      if (type.equals(ENGINE + "loop.Watchdog") || type.equals(ENGINE + "kit.Watchdog")) {
        return "watchdog";
      }
      if (type.equals("org.junit.platform.launcher.core.EngineDiscoveryOrchestrator")
          || type.equals(ENGINE + "LoopHarnessTestEngine") && f.getMethod().getName().equals("discover")) {
        return "discovery";
      }
    }
    for (RecordedFrame f : frames) {
      String type = type(f);
      if (type.startsWith("org.apache.maven.surefire.")) {
        return "surefire";
      }
      if (type.startsWith(ENGINE + "report.") || type.equals(ENGINE + "descriptor.ReportedNode")) {
        return "report";
      }
      if (type.startsWith("org.junit.platform.")) {
        return "platform";
      }
      if (type.startsWith(ENGINE)) {
        for (int i = frames.size() - 1; i >= 0; i--) {
          String t = type(frames.get(i));
          for (String[] rule : ENGINE_PHASES) {
            int bar = rule[1].indexOf('|');
            if (t.equals(rule[1].substring(0, bar))
                && frames.get(i).getMethod().getName().equals(rule[1].substring(bar + 1))) {
              return rule[0];
            }
          }
        }
        return "scope set-up";
      }
    }
    return "other";
  }

  private static String type(RecordedFrame f) {
    return f.getMethod() == null || f.getMethod().getType() == null ? "" : f.getMethod().getType().getName();
  }

}
