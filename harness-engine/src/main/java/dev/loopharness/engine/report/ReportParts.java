package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.config.LeakPolicy;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The parts of a report directory that let every JVM of a build share one report: under
 * {@code .jvms/} each session's own {@code report.json} (valid after every write, so a JVM killed
 * with {@code kill -9} loses at most its test in flight and the last flush window of {@link
 * ReportFiles}), the id of the build they belong to, and a
 * lock file. {@code report.json} and {@code report.html} are rebuilt from all parts of the build
 * under that lock (a file lock between JVMs, a monitor within one). A session of another build
 * clears the parts first, so the report never mixes builds.
 */
final class ReportParts {
  static final String DIR = ".jvms";
  private static final String BUILD_FILE = "build";
  private static final String LOCK_FILE = "lock";
  private static final ConcurrentMap<Path, Object> MONITORS = new ConcurrentHashMap<>();
  private static final AtomicInteger SESSIONS = new AtomicInteger();

  private final Path dir;
  private final Path parts;
  private final String build;
  private final String id;

  private ReportParts(Path dir, String build) {
    this.dir = dir;
    this.parts = dir.resolve(DIR);
    this.build = build;
    this.id = BuildId.jvm() + "-" + SESSIONS.incrementAndGet();
  }

  /** Joins {@code build} in {@code dir}, clearing the parts of an earlier build. */
  static ReportParts join(Path dir, String build) throws IOException {
    ReportParts joined = new ReportParts(dir.toAbsolutePath().normalize(), build);
    Files.createDirectories(joined.parts);
    joined.locked(() -> {
      Path buildFile = joined.parts.resolve(BUILD_FILE);
      String current = Files.isRegularFile(buildFile)
          ? Files.readString(buildFile, StandardCharsets.UTF_8).strip() : null;
      if (!build.equals(current)) {
        deleteParts(joined.parts);
        Files.writeString(buildFile, build + "\n", StandardCharsets.UTF_8);
      }
      return null;
    });
    return joined;
  }

  String build() {
    return build;
  }

  String id() {
    return id;
  }

  /** This session's part file. */
  Path part() {
    return parts.resolve(id + ".json");
  }

  /**
   * Rebuilds {@code report.json} (if {@code json}) and {@code report.html} (if {@code html}) from
   * the parts of this build; a part another JVM is writing is read as it is now. When this
   * session's part is the only one, its tests are copied from {@code rows} (if not null).
   */
  ReportMerge.Result rebuild(boolean json, boolean html, Function<LeakKind, LeakPolicy> policies,
      SessionRows rows) throws IOException {
    return locked(() -> {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> listed = Files.newDirectoryStream(parts, "*.json")) {
        listed.forEach(files::add);
      }
      files.sort(null);
      deleteStale(dir);
      return new ReportMerge(files).write(dir, json, html, policies, rows);
    });
  }

  interface Locked<T> {
    T run() throws IOException;
  }

  /** Runs {@code action} holding the lock that every writer and reader of the parts holds. */
  @SuppressWarnings("try") // the file lock is held for the body, never referenced
  <T> T locked(Locked<T> action) throws IOException {
    synchronized (MONITORS.computeIfAbsent(parts, p -> new Object())) {
      try (FileChannel channel = FileChannel.open(parts.resolve(LOCK_FILE),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        return action.run();
      }
    }
  }

  private static void deleteParts(Path parts) throws IOException {
    try (DirectoryStream<Path> listed = Files.newDirectoryStream(parts, "*.{json,tmp,rows}")) {
      for (Path part : listed) {
        Files.deleteIfExists(part);
      }
    }
  }

  // Temporary files of a JVM killed while it rebuilt the report; under the lock none is live.
  private static void deleteStale(Path dir) throws IOException {
    try (DirectoryStream<Path> listed = Files.newDirectoryStream(dir, "report.*.tmp")) {
      for (Path stale : listed) {
        Files.deleteIfExists(stale);
      }
    }
  }
}
