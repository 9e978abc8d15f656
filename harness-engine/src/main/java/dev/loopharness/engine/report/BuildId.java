package dev.loopharness.engine.report;

import dev.loopharness.config.HarnessConfig;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * What ties the JVMs of one build together in a report directory: {@code harness.report.build-id}
 * if set; else, in a Surefire fork, the Maven process that forked it (its pid and start time, so
 * every fork of one {@code mvn} run agrees and the next run differs); else this JVM alone (an IDE
 * run, the console launcher, Maven with {@code forkCount=0}).
 */
final class BuildId {
  private static final int MAX_ANCESTORS = 6;

  private BuildId() {}

  static String of(HarnessConfig config) {
    String configured = config.reportBuildId().strip();
    if (!configured.isEmpty()) {
      return configured;
    }
    ProcessHandle self = ProcessHandle.current();
    if (isSurefireFork()) {
      Optional<ProcessHandle> maven = javaAncestor(self);
      if (maven.isPresent()) {
        return "maven-" + maven.get().pid() + "-" + startMillis(maven.get()).orElse(0L);
      }
    }
    return "jvm-" + self.pid() + "-" + startMillis(self)
        .orElseGet(() -> ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  /** An id for this JVM, unique among the JVMs of a build. */
  static String jvm() {
    ProcessHandle self = ProcessHandle.current();
    return self.pid() + "-" + startMillis(self)
        .orElseGet(() -> ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  static boolean isSurefireFork() {
    return System.getProperty("surefire.real.class.path") != null
        || System.getProperty("surefire.test.class.path") != null
        || String.valueOf(System.getProperty("sun.java.command")).contains("surefire");
  }

  // Surefire starts a fork directly or through a shell: the nearest JVM above this one is Maven.
  private static Optional<ProcessHandle> javaAncestor(ProcessHandle self) {
    Optional<ProcessHandle> current = self.parent();
    for (int i = 0; i < MAX_ANCESTORS && current.isPresent(); i++) {
      ProcessHandle process = current.get();
      String command = process.info().command().orElse("");
      if (command.endsWith("/java") || command.endsWith("\\java.exe") || command.endsWith("/java.exe")) {
        return current;
      }
      current = process.parent();
    }
    return Optional.empty();
  }

  private static Optional<Long> startMillis(ProcessHandle process) {
    return process.info().startInstant().map(instant -> instant.toEpochMilli());
  }
}
