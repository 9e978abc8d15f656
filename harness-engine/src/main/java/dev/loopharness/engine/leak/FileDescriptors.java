package dev.loopharness.engine.leak;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.loopharness.config.HarnessConfig;
import dev.loopharness.config.LeakPolicy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the JVM's open file descriptors around each test method (Unix, sequential runs): from
 * just before the method runs (its fixtures of every scope already set up) to after its function
 * scope was torn down and drained. More at the end means the test's own code opened a socket,
 * file, pipe or channel outside the loop's tracked resources and left it open; what a fixture
 * opens in its setup is not counted. Only the count is known, not who opened what; descriptors of
 * jar files (the JVM opens each jar once, when it first loads a class from it, and keeps it) are
 * left out where {@code /proc/self/fd} shows them.
 */
public final class FileDescriptors {
  /** The id of the finding, as in report.json. */
  public static final String ID = "Harness/OpenFileDescriptors";
  private static final Path PROC_FDS = Path.of("/proc/self/fd");

  private final UnixOperatingSystemMXBean os;
  private final boolean sizeOfProc;
  private long jarsSeen;

  private FileDescriptors(UnixOperatingSystemMXBean os) {
    this.os = os;
    this.sizeOfProc = os != null && procSize() > 0;
    this.jarsSeen = os == null ? 0 : jarDescriptors();
  }

  /** The counter for a run of {@code config}: off on non-Unix JVMs, in parallel runs, or under ignore. */
  public static FileDescriptors of(HarnessConfig config) {
    if (config.fileDescriptors() == LeakPolicy.IGNORE || config.parallelEnabled()) {
      return new FileDescriptors(null); // the bean is not even made: it reads the cgroup files
    }
    OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
    return new FileDescriptors(bean instanceof UnixOperatingSystemMXBean unix ? unix : null);
  }

  /** The count now, to pass to {@link #check} when the test has ended; -1 when off. */
  public long open() {
    return os == null ? -1 : count();
  }

  /**
   * The number of open descriptors. Linux 6.2 and later give it as the size of {@code
   * /proc/self/fd}: one {@code stat}, where the JVM's own count lists the directory (several
   * system calls, ~10 µs in a test JVM; twice per test). Both leave out the descriptor of the look
   * itself, so they agree.
   */
  long count() {
    if (sizeOfProc) {
      long n = procSize();
      if (n > 0) {
        return n;
      }
    }
    return os.getOpenFileDescriptorCount();
  }

  /** What the JVM itself counts (a listing of {@code /proc/self/fd} where there is one). */
  long countByListing() {
    return os.getOpenFileDescriptorCount();
  }

  // 0 where the size is not the count (before Linux 6.2, or no /proc).
  private static long procSize() {
    try {
      return Files.size(PROC_FDS);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The warning for a test that started with {@code before} descriptors, if it ended with more. */
  public synchronized Optional<String> check(long before, String owner) {
    if (before < 0) {
      return Optional.empty();
    }
    long now = count();
    // Another thread may hold a descriptor for a moment (a report write, a /proc read): a leaked
    // one is still open a few milliseconds later, a passing one is not.
    for (int i = 0; i < 3 && now > before; i++) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      now = Math.min(now, count());
    }
    if (now <= before) {
      return Optional.empty();
    }
    long jars = jarDescriptors();
    long opened = now - before - Math.max(0, jars - jarsSeen);
    jarsSeen = Math.max(jarsSeen, jars);
    if (opened <= 0) {
      return Optional.empty();
    }
    return Optional.of("[" + ID + "] " + owner + " ended with " + opened + " more open file"
        + (opened == 1 ? " descriptor" : " descriptors") + " than it started with (" + before
        + " before, " + now + " after): a socket, server socket, file, pipe or channel opened outside"
        + " the loop's tracked resources and never closed. The JVM only counts them, so the harness"
        + " cannot say which, or close them.\n"
        + "  Fix: close what the test opens (try-with-resources, or a fixture's teardown); if something"
        + " the JVM or a library keeps open on purpose is counted, set"
        + " harness.leaks.file-descriptors = ignore.");
  }

  // Descriptors open on jar files, where /proc/self/fd exists (Linux); else 0.
  private static long jarDescriptors() {
    if (!Files.isDirectory(PROC_FDS)) {
      return 0;
    }
    long jars = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC_FDS)) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.endsWith(".jar") || target.endsWith(".jmod") || target.endsWith("/lib/modules")) {
            jars++;
          }
        } catch (IOException | UnsupportedOperationException e) {
          // closed while we looked, or not a link: not a jar
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return jars;
  }
}
