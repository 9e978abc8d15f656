import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the tests of package w1 REPS times in one JVM through the launcher (discovery included) and
 * prints, per repetition, wall and process CPU per test and the JIT's compile time so far. The
 * first repetition is what a Surefire fork pays (interpreter, JIT warm-up); the later ones are the
 * per-test cost of the runner's code once compiled. No Surefire: only the platform's listeners.
 *
 * usage: SteadyState REPS REPORT_DIR_PREFIX
 */
public final class SteadyState {
  public static void main(String[] args) {
    int reps = Integer.parseInt(args[0]);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var jit = ManagementFactory.getCompilationMXBean();
    Launcher launcher = LauncherFactory.create();
    for (int rep = 1; rep <= reps; rep++) {
      AtomicInteger tests = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      long wall0 = System.nanoTime();
      long cpu0 = os.getProcessCpuTime();
      long jit0 = jit.getTotalCompilationTime();
      launcher.execute(LauncherDiscoveryRequestBuilder.request()
          // a report directory per repetition: each is a session of its own, and would otherwise
          // rebuild the earlier repetitions' results too
          .configurationParameter("harness.report.dir", args[1] + rep)
          .configurationParameter("harness.report.console", "false")
          .selectors(selectPackage("w1")).build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
              if (id.isTest()) {
                tests.incrementAndGet();
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                  failed.incrementAndGet();
                }
              }
            }
          });
      double n = Math.max(1, tests.get());
      System.out.printf("rep\t%d\ttests\t%d\tfailed\t%d\twall_ms_per_test\t%.4f\tcpu_ms_per_test\t%.4f\tjit_ms\t%d%n",
          rep, tests.get(), failed.get(), (System.nanoTime() - wall0) / 1e6 / n,
          (os.getProcessCpuTime() - cpu0) / 1e6 / n, jit.getTotalCompilationTime() - jit0);
    }
  }
}
