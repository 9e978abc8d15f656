package dev.loopharness.engine.baseline;

import dev.loopharness.api.Leak;
import dev.loopharness.api.LeakKind;
import java.util.Comparator;

/**
 * One known leak: the test (or fixture) that left it, its kind, and its creation site without the
 * line number, so that edits elsewhere in the file do not break the match.
 */
public record BaselineEntry(String test, LeakKind kind, String site) implements Comparable<BaselineEntry> {
  private static final Comparator<BaselineEntry> ORDER = Comparator.comparing(BaselineEntry::test)
      .thenComparing(BaselineEntry::kind).thenComparing(BaselineEntry::site);

  /** The entry {@code leak} matches. */
  public static BaselineEntry of(Leak leak) {
    return new BaselineEntry(leak.owner(), leak.kind(), withoutLine(leak.creationSite()));
  }

  /** {@code A.b(A.java:42)} as {@code A.b(A.java)}; other text unchanged. */
  static String withoutLine(String site) {
    return site.replaceAll("\\.java:\\d+\\)", ".java)");
  }

  @Override
  public int compareTo(BaselineEntry other) {
    return ORDER.compare(this, other);
  }

  /** E.g. {@code PingTest > pings() TASK at A.b(A.java)}. */
  @Override
  public String toString() {
    return test + " " + kind + (site.isEmpty() ? "" : " at " + site);
  }
}
