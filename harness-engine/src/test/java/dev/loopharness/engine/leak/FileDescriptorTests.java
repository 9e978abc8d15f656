package dev.loopharness.engine.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.engine.EngineRuns;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A raw java.net socket left open is not a tracked resource, but the JVM counts open file
 * descriptors: a test that ends with more than it started with gets a warning (sequential runs).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class FileDescriptorTests {
  static final Queue<ServerSocket> OPEN = new ConcurrentLinkedQueue<>();

  @AfterEach
  void closeSockets() throws IOException {
    for (ServerSocket socket; (socket = OPEN.poll()) != null; ) {
      socket.close();
    }
  }

  // The count is the JVM's, and in this shared test JVM other threads (a Cleaner closing an earlier
  // class's unreachable socket, class loading) may open or close one during a test: such a run is
  // taken again, at most three times; the warning must appear, and only on the leaking test.
  @Test
  void aServerSocketLeftOpenIsReportedOnItsTestOnly() throws IOException {
    Map<String, String> entries = Map.of();
    for (int attempt = 0; attempt < 3; attempt++) {
      entries = entries(run(Map.of("harness.leaks.file-descriptors", "warn")));
      closeSockets();
      if (entries.keySet().equals(java.util.Set.of("leavesASocketOpen()"))) {
        break;
      }
    }
    assertThat(entries).containsOnlyKeys("leavesASocketOpen()");
    assertThat(entries.get("leavesASocketOpen()"))
        .matches("(?s)\\[Harness/OpenFileDescriptors\\] SocketTestCase > leavesASocketOpen\\(\\) ended with"
            + " \\d+ more open file descriptors? than it started with \\(\\d+ before, \\d+ after\\): a socket,"
            + " server socket, file, pipe or channel opened outside the loop's tracked resources and"
            + " never closed\\..*Fix: close what the test opens.*");
  }

  @Test
  void offByDefaultAndInParallelRuns() {
    assertThat(entries(run(Map.of()))).as("off by default").isEmpty();
    assertThat(entries(run(Map.of("harness.leaks.file-descriptors", "warn",
        "harness.parallel.enabled", "true")))).isEmpty();
  }

  private static EngineExecutionResults run(Map<String, String> settings) {
    return EngineRuns.engine().configurationParameters(settings)
        .selectors(selectClass(SocketTestCase.class)).execute();
  }

  // Linux 6.2+ gives the count as the size of /proc/self/fd (one stat); it must be the JVM's count.
  // Other threads of this JVM (an earlier run's closing loops, class loading) open and close
  // descriptors too, so each comparison is taken again until nothing else moved meanwhile.
  @Test
  void theCountIsTheJvmsOwnCountAndSeesASocketOpenAndClose() throws IOException {
    FileDescriptors fds = FileDescriptors.of(HarnessConfig.load(getClass().getClassLoader(),
        Map.of("harness.leaks.file-descriptors", "warn")));
    assertThat(settled(() -> fds.count() - fds.countByListing())).as("stat count - listed count").isZero();
    long[] before = {0};
    ServerSocket[] socket = {null};
    try {
      assertThat(settled(() -> {
        if (socket[0] != null) {
          socket[0].close();
        }
        before[0] = fds.count();
        socket[0] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return fds.count() - before[0];
      })).as("descriptors a server socket adds").isEqualTo(1);
    } finally {
      if (socket[0] != null) {
        socket[0].close();
      }
    }
  }

  private interface Difference {
    long measure() throws IOException;
  }

  // The same difference twice in a row (at most 50 tries): what the code under test made, not noise.
  private static long settled(Difference difference) throws IOException {
    long last = difference.measure();
    for (int i = 0; i < 50; i++) {
      long next = difference.measure();
      if (next == last) {
        return next;
      }
      last = next;
    }
    return last;
  }

  private static Map<String, String> entries(EngineExecutionResults results) {
    results.testEvents().assertStatistics(stats -> stats.succeeded(2));
    return results.testEvents().reportingEntryPublished().stream()
        .filter(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()
            .containsKey("loop-harness.file-descriptors"))
        .collect(Collectors.toMap(e -> e.getTestDescriptor().getDisplayName(),
            e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()
                .get("loop-harness.file-descriptors")));
  }

  static class SocketTestCase {
    @AsyncTest
    void closesItsSocket() throws IOException {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        assertThat(socket.getLocalPort()).isPositive();
      }
    }

    @AsyncTest
    void leavesASocketOpen() throws IOException {
      OPEN.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    }
  }
}
