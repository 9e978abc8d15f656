package dev.loopharness.engine.report;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import dev.loopharness.config.HarnessConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.descriptor.PackageSource;

/** A RunReport over a real descriptor tree, with its console and stderr captured. */
final class ReportRig {
  static final Instant STARTED = Instant.parse("2026-01-02T03:04:05Z");

  final Path dir;
  final EngineDescriptor engine =
      new EngineDescriptor(UniqueId.forEngine("loop-harness"), "Loop Harness");
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final RunReport report;
  private final MovableClock clock = new MovableClock(STARTED);

  private ReportRig(Path dir, Map<String, String> settings) {
    this(dir, settings, true);
  }

  private ReportRig(Path dir, Map<String, String> settings, boolean firstTick) {
    this.dir = dir;
    Map<String, String> parameters = new HashMap<>(settings);
    parameters.put("harness.report.dir", dir.toString());
    HarnessConfig config = HarnessConfig.load(ReportRig.class.getClassLoader(), parameters);
    report = new RunReport(config, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), clock);
    if (firstTick) {
      report.writeDue(); // the run's report ticker's first tick: the session's first rebuild
    }
  }

  /** A rig whose report ticker has not ticked yet. */
  static ReportRig beforeFirstTick(Path dir, Map<String, String> settings) {
    return new ReportRig(dir, settings, false);
  }

  /** Moves the report's clock on by {@code duration}. */
  void later(Duration duration) {
    clock.now = clock.now.plus(duration);
  }

  /** A rig writing both reports into {@code dir}. */
  static ReportRig in(Path dir) {
    return new ReportRig(dir, Map.of());
  }

  /** A rig with extra {@code harness.*} settings. */
  static ReportRig in(Path dir, Map<String, String> settings) {
    return new ReportRig(dir, settings);
  }

  Node pkg(String name) {
    return add(engine, new Node(engine.getUniqueId().append("package", name), name,
        PackageSource.from(name), TestDescriptor.Type.CONTAINER));
  }

  Node cls(TestDescriptor parent, String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return add(parent, new Node(parent.getUniqueId().append("class", className), simple,
        ClassSource.from(className), TestDescriptor.Type.CONTAINER));
  }

  Node test(Node cls, String method) {
    String className = ((ClassSource) cls.getSource().orElseThrow()).getClassName();
    return add(cls, new Node(cls.getUniqueId().append("method", method + "()"), method + "()",
        MethodSource.from(className, method), TestDescriptor.Type.TEST));
  }

  /** Reports {@code test} the way the engine does: leaks, time, then its result. */
  void run(TestDescriptor test, TestExecutionResult result, Leak... leaks) {
    if (leaks.length > 0) {
      report.leaksFound(test, owner(test), List.of(leaks));
    }
    report.testTimed(test, Duration.ofMillis(7));
    report.finished(test, result);
  }

  void pass(TestDescriptor test, Leak... leaks) {
    run(test, TestExecutionResult.successful(), leaks);
  }

  static Leak leak(LeakKind kind, String owner, String description) {
    return new Leak(kind, owner, description, "EchoClient.connect(EchoClient.java:30)");
  }

  static String owner(TestDescriptor test) {
    String className = test.getSource().filter(MethodSource.class::isInstance)
        .map(s -> ((MethodSource) s).getClassName()).orElse("");
    return className.substring(className.lastIndexOf('.') + 1) + " > " + test.getDisplayName();
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  Path json() {
    return dir.resolve("report.json");
  }

  Path html() {
    return dir.resolve("report.html");
  }

  /** This rig's own part of the report, which is valid after every write (report.json is rebuilt from it). */
  /** This session's part once the flush window has passed (as the run's report ticker writes it). */
  Path part() {
    later(ReportFiles.FLUSH_WINDOW);
    report.writeDue();
    return partNow();
  }

  /** This session's part as it is on disk now. */
  Path partNow() {
    return dev.loopharness.engine.ReportJson.onlyPart(dir);
  }


  private static Node add(TestDescriptor parent, Node child) {
    parent.addChild(child);
    return child;
  }

  /** A plain descriptor with a source. */
  static final class Node extends AbstractTestDescriptor {
    private final Type type;

    Node(UniqueId id, String displayName, TestSource source, Type type) {
      super(id, displayName, source);
      this.type = type;
    }

    @Override
    public Type getType() {
      return type;
    }
  }

  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
