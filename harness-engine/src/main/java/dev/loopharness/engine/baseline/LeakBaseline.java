package dev.loopharness.engine.baseline;

import dev.loopharness.api.Leak;
import dev.loopharness.config.HarnessConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's leak baseline ({@code harness.leaks.baseline}): leaks matching an entry are known
 * (reported like {@code warn}); the others follow their policy; entries no longer seen are fixed.
 * With {@code -Dharness.leaks.baseline.write=true} every leak is known and the file is written at
 * the end of the run. Thread-safe.
 */
public final class LeakBaseline {
  private final Path file;
  private final boolean writing;
  private final Set<BaselineEntry> entries;
  private final Set<BaselineEntry> seen = ConcurrentHashMap.newKeySet();

  private LeakBaseline(Path file, boolean writing, Set<BaselineEntry> entries) {
    this.file = file;
    this.writing = writing;
    this.entries = entries;
  }

  /**
   * The baseline {@code config} names, or null when there is none.
   *
   * @throws BaselineException when the file is missing, unreadable or malformed (not when writing it)
   */
  public static LeakBaseline of(HarnessConfig config) {
    Path file = config.baseline();
    if (file == null) {
      return null;
    }
    if (config.baselineWrite()) {
      return new LeakBaseline(file, true, Set.of());
    }
    return new LeakBaseline(file, false, Set.copyOf(BaselineFile.read(file)));
  }

  /** Whether {@code leak} is known (and remembers that it was seen). */
  public boolean known(Leak leak) {
    BaselineEntry entry = BaselineEntry.of(leak);
    if (writing || entries.contains(entry)) {
      seen.add(entry);
      return true;
    }
    return false;
  }

  /** Whether this run writes the file instead of applying it. */
  public boolean writing() {
    return writing;
  }

  public Path file() {
    return file;
  }

  /**
   * Ends the run: writes the file when writing; returns the outcome for the reports.
   *
   * @throws IOException when the file cannot be written
   */
  public Outcome finish(long newLeaks) throws IOException {
    if (writing) {
      BaselineFile.write(file, seen);
      return new Outcome(file.toString(), true, seen.size(), newLeaks, List.of());
    }
    List<String> fixed = new ArrayList<>();
    for (BaselineEntry e : new TreeSet<>(entries)) {
      if (!seen.contains(e)) {
        fixed.add(e.toString());
      }
    }
    return new Outcome(file.toString(), false, seen.size(), newLeaks, fixed);
  }

  /**
   * What the baseline did in this run.
   *
   * @param known how many distinct entries matched (in a writing run: were written)
   * @param newLeaks leaks that matched no entry and followed their policy
   * @param fixed entries no longer seen, sorted: remove them from the file
   */
  public record Outcome(String file, boolean written, long known, long newLeaks, List<String> fixed) {}
}
