package dev.loopharness.engine.reliability;

import dev.loopharness.engine.ReportJson;
import static dev.loopharness.engine.ReportJson.list;
import static dev.loopharness.engine.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopharness.api.AsyncTest;
import dev.loopharness.api.Loop;
import dev.loopharness.engine.EngineRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * What a run leaves on the machine: {@code report.json} is valid at every moment (read here from
 * inside a running test, as a run killed at that point would leave it); a run writes nothing outside
 * its report directory and opens no network socket (checked in a forked JVM with its own working
 * and temporary directories, so that other builds on the machine cannot disturb the snapshot).
 */
class FootprintTests {
  static volatile Path reportDir;
  static final AtomicReference<Map<String, Object>> MID_RUN = new AtomicReference<>();

  static class ReadsItsOwnReportTestCase {
    @AsyncTest
    void a_passes() {}

    @AsyncTest
    void b_fails() {
      throw new AssertionError("expected 42 but was 41");
    }

    @AsyncTest
    void c_leaks(Loop loop) {
      loop.schedule(Duration.ofHours(1), () -> {});
    }

    // what finished before reaches the part within a flush window (100 ms), while this test waits
    // (its timeout here is 300 ms)
    @AsyncTest
    CompletionStage<Void> d_readsTheReport(Loop loop) {
      CompletableFuture<Void> read = new CompletableFuture<>();
      loop.schedule(Duration.ofMillis(200), () -> {
        MID_RUN.set(ReportJson.parse(ReportJson.onlyPart(reportDir)));
        read.complete(null);
      });
      return read;
    }
  }

  static final AtomicReference<Map<String, Object>> PARALLEL_MID_RUN = new AtomicReference<>();

  static class FinishesAtOnceTestCase {
    @AsyncTest
    void quick() {}
  }

  static class ReadsWhileTheOtherClassIsDoneTestCase {
    // the other class ran alongside and finished long before this reads the part
    @AsyncTest
    CompletionStage<Void> readsThePartLater(Loop loop) {
      CompletableFuture<Void> read = new CompletableFuture<>();
      loop.schedule(Duration.ofMillis(600), () -> {
        PARALLEL_MID_RUN.set(ReportJson.parse(ReportJson.onlyPart(reportDir)));
        read.complete(null);
      });
      return read;
    }
  }

  // No batch supervisor in a parallel run: the run's report ticker writes what is due.
  @Test
  void inAParallelRunAFinishedTestReachesThePartWhileAnotherStillRuns(@TempDir Path dir) {
    reportDir = dir.resolve("reports");
    PARALLEL_MID_RUN.set(null);
    FaultRuns.run(reportsOn(reportDir)
        .configurationParameter("harness.timeout.test", "5s")
        .configurationParameter("harness.parallel.enabled", "true")
        .configurationParameter("harness.parallel.classes", "2")
        .selectors(selectClass(ReadsWhileTheOtherClassIsDoneTestCase.class),
            selectClass(FinishesAtOnceTestCase.class)));

    assertThat(PARALLEL_MID_RUN.get()).as("the part read mid-run").isNotNull();
    assertThat(list(PARALLEL_MID_RUN.get(), "tests")).extracting(t -> t.get("displayName"))
        .containsExactly("quick()");
  }

  @Test
  void reportJsonIsValidWhileTheRunIsGoingOnAndListsWhatFinished(@TempDir Path dir) {
    reportDir = dir.resolve("reports");
    MID_RUN.set(null);
    FaultRuns.run(reportsOn(reportDir).selectors(selectClass(ReadsItsOwnReportTestCase.class)));

    Map<String, Object> midRun = MID_RUN.get();
    assertThat(midRun).as("report.json parsed from inside d_readsTheReport()").isNotNull();
    assertThat(object(midRun, "summary")).containsEntry("complete", false).containsEntry("tests", 3L)
        .containsEntry("failed", 2L).containsEntry("leaks", 1L);
    assertThat(list(midRun, "tests")).extracting(t -> t.get("displayName"), t -> t.get("status"))
        .containsExactly(tuple("a_passes()", "SUCCESSFUL"),
            tuple("b_fails()", "FAILED"),
            tuple("c_leaks(Loop)", "FAILED"));
    Map<String, Object> finished = ReportJson.parse(reportDir.resolve("report.json"));
    assertThat(object(finished, "summary")).containsEntry("complete", true).containsEntry("tests", 4L);
  }

  static EngineTestKit.Builder reportsOn(Path dir) {
    return EngineRuns.engine().configurationParameters(FaultRuns.FAST)
        .configurationParameter("harness.report.json", "true")
        .configurationParameter("harness.report.html", "true")
        .configurationParameter("harness.report.dir", dir.toString());
  }

  /** Tests whose run touches what a real suite does: loops, timers, resources, failures, leaks. */
  static class BusyTestCase {
    @AsyncTest
    java.util.concurrent.CompletionStage<String> talks(Loop loop) {
      return loop.spawn(() -> loop.submit(() -> "pong"));
    }

    @AsyncTest
    void leaves(Loop loop) {
      loop.track("socket to 127.0.0.1:1", () -> {});
      loop.schedule(Duration.ofMinutes(1), () -> {});
    }

    @AsyncTest
    void fails() {
      throw new AssertionError("no");
    }
  }

  /** Runs {@link BusyTestCase} with reports on in this JVM; prints the network sockets it opened. */
  public static final class Fork {
    public static void main(String[] args) {
      Map<String, String> before = Sockets.ofThisProcess();
      EngineExecutionResults results = EngineRuns.engine()
          .configurationParameter("harness.report.console", "true")
          .configurationParameter("harness.report.json", "true")
          .configurationParameter("harness.report.html", "true")
          .configurationParameter("harness.report.dir", args[0])
          .selectors(selectClass(BusyTestCase.class)).execute();
      Map<String, String> after = Sockets.ofThisProcess();
      after.keySet().removeAll(before.keySet());
      System.out.println("tests-finished=" + results.testEvents().finished().count());
      System.out.println("new-sockets=" + after.values());
      System.out.flush();
      System.exit(0);
    }
  }

  @Test
  void aRunWritesOnlyUnderItsReportDirAndOpensNoNetworkSocket(@TempDir Path sandbox) throws Exception {
    Path work = Files.createDirectories(sandbox.resolve("work"));
    Path tmp = Files.createDirectories(sandbox.resolve("tmp"));
    Files.writeString(work.resolve("keep.txt"), "untouched");
    Map<Path, String> before = snapshot(sandbox);

    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process fork = new ProcessBuilder(java.toString(), "-XX:-UsePerfData", "-Xshare:auto",
        "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Fork.class.getName(),
        "build/lh-reports")
        .directory(work.toFile()).redirectErrorStream(true).start();
    String output;
    try (var in = fork.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(fork.waitFor(60, TimeUnit.SECONDS)).as("the forked run ended:\n%s", output).isTrue();
    assertThat(fork.exitValue()).as(output).isZero();
    assertThat(output).contains("tests-finished=3");

    Map<Path, String> after = snapshot(sandbox);
    Path reports = work.resolve("build/lh-reports");
    assertThat(changes(before, after)).as("files created, changed or deleted by the run")
        .allSatisfy(p -> assertThat(p).startsWith(reports))
        .contains(reports.resolve("report.json"), reports.resolve("report.html"));
    assertThat(ReportJson.parse(reports.resolve("report.json"))).containsKey("tests");

    String sockets = output.lines().filter(l -> l.startsWith("new-sockets=")).findFirst().orElseThrow();
    Assumptions.assumeTrue(!sockets.equals("new-sockets=[unavailable]"), "no /proc on this system");
    assertThat(sockets).as("network sockets the run opened").isEqualTo("new-sockets=[]");
  }

  @Test
  void noHarnessSourceUsesTheNetwork() throws IOException {
    List<String> network = List.of("java.net.Socket", "java.net.ServerSocket", "java.net.DatagramSocket",
        "java.net.http", "HttpURLConnection", "openConnection(", "openStream(", "SocketChannel",
        "DatagramChannel", "java.nio.channels.spi.SelectorProvider");
    List<String> found = new ArrayList<>();
    for (String module : List.of("harness-api", "harness-config", "harness-engine")) {
      Path sources = Paths.get("..", module, "src", "main", "java");
      Assumptions.assumeTrue(Files.isDirectory(sources), "sources not found from " + Paths.get("").toAbsolutePath());
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
          // code only: messages that name network frames (to explain a stuck thread) are fine
          String code = withoutStrings(Files.readString(file));
          network.stream().filter(code::contains).forEach(word -> found.add(file.getFileName() + ": " + word));
        }
      }
    }
    assertThat(found).as("network APIs in the harness's own sources").isEmpty();
  }

  /** {@code source} with the contents of its string and char literals removed. */
  static String withoutStrings(String source) {
    StringBuilder code = new StringBuilder(source.length());
    char quote = 0;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote == 0) {
        code.append(c);
        if (c == '"' || c == '\'') {
          quote = c;
        }
      } else if (c == '\\') {
        i++;
      } else if (c == quote) {
        code.append(c);
        quote = 0;
      }
    }
    return code.toString();
  }

  static Map<Path, String> snapshot(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      Map<Path, String> state = new TreeMap<>();
      for (Path p : files.collect(Collectors.toList())) {
        state.put(p, Files.isDirectory(p) ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p));
      }
      return state;
    }
  }

  static List<Path> changes(Map<Path, String> before, Map<Path, String> after) {
    TreeSet<Path> all = new TreeSet<>(before.keySet());
    all.addAll(after.keySet());
    List<Path> changed = new ArrayList<>();
    for (Path p : all) {
      if (!java.util.Objects.equals(before.get(p), after.get(p)) && !"dir".equals(after.get(p))) {
        changed.add(p);
      }
    }
    // a created directory counts too, unless it holds (or is a parent of) the report files
    for (Path p : after.keySet()) {
      if ("dir".equals(after.get(p)) && !before.containsKey(p) && changed.stream().noneMatch(c -> c.startsWith(p))) {
        changed.add(p);
      }
    }
    return changed;
  }

  /** The network sockets (tcp, tcp6, udp, udp6) this process has open, from {@code /proc} (Linux). */
  static final class Sockets {
    private Sockets() {}

    /** Socket inode to a description; {@code {"-": "unavailable"}} where there is no {@code /proc}. */
    static Map<String, String> ofThisProcess() {
      Path fds = Paths.get("/proc/self/fd");
      if (!Files.isDirectory(fds)) {
        return new TreeMap<>(Map.of("-", "unavailable"));
      }
      Map<String, String> network = new TreeMap<>();
      for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
        Path file = Paths.get("/proc/net", table);
        if (!Files.isReadable(file)) {
          continue;
        }
        try {
          List<String> lines = Files.readAllLines(file); // once: other processes change it meanwhile
          for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9) {
              network.put(f[9], table + " " + f[1] + (table.startsWith("tcp") && f[3].equals("0A") ? " LISTEN" : ""));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      Map<String, String> mine = new TreeMap<>();
      try (Stream<Path> links = Files.list(fds)) {
        for (Path link : links.collect(Collectors.toList())) {
          String target;
          try {
            target = Files.readSymbolicLink(link).toString();
          } catch (IOException e) {
            continue; // closed meanwhile
          }
          if (target.startsWith("socket:[")) {
            String inode = target.substring(8, target.length() - 1);
            if (network.containsKey(inode)) {
              mine.put(inode, network.get(inode));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return mine;
    }
  }
}
