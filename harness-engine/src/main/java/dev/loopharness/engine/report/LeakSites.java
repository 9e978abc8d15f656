package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.report.NodeFindings.ListedLeak;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Leaks by site: the creation sites that leak in the most tests, so that one helper leaking in 300
 * tests is one line, not 300. Counts the listed leaks of each finished node; remembers at most
 * {@link #MAX_SITES} sites (later new sites are only counted as dropped). Thread-safe.
 */
final class LeakSites {
  static final int MAX_SITES = 10_000;
  static final int SHOWN = 10;

  private final Map<Key, long[]> counts = new HashMap<>();
  private long dropped;

  /** Counts the sites of one finished test or container: once per node, and per leak. */
  synchronized void add(NodeRecord record) {
    if (record.leaks().isEmpty()) {
      return;
    }
    Set<Key> inNode = new HashSet<>();
    for (ListedLeak leak : record.leaks()) {
      if (leak.creationSite().isEmpty()) {
        continue;
      }
      Key key = new Key(leak.kind(), leak.creationSite());
      long[] c = counts.get(key);
      if (c == null) {
        if (counts.size() >= MAX_SITES) {
          dropped++;
          continue;
        }
        c = new long[2];
        counts.put(key, c);
      }
      c[1]++;
      if (inNode.add(key)) {
        c[0]++;
      }
    }
  }

  /** Whether {@link #addAll} counts {@code other}'s sites exactly: none dropped, and room for all. */
  boolean canAdd(LeakSites other) {
    synchronized (this) {
      synchronized (other) {
        if (dropped > 0 || other.dropped > 0) {
          return false;
        }
        long fresh = other.counts.keySet().stream().filter(key -> !counts.containsKey(key)).count();
        return counts.size() + fresh <= MAX_SITES;
      }
    }
  }

  /** Counts {@code other}'s sites here, as if its nodes had been added after this one's. */
  void addAll(LeakSites other) {
    synchronized (this) {
      synchronized (other) {
        other.counts.forEach((key, c) -> {
          long[] mine = counts.computeIfAbsent(key, k -> new long[2]);
          mine[0] += c[0];
          mine[1] += c[1];
        });
      }
    }
  }

  /** The sites that leaked in the most nodes (then the most leaks), at most {@link #SHOWN}. */
  synchronized List<Site> top() {
    List<Site> all = new ArrayList<>();
    counts.forEach((k, c) -> all.add(new Site(k.kind(), k.site(), c[0], c[1])));
    all.sort(Comparator.comparingLong(Site::tests).reversed().thenComparing(Comparator.comparingLong(Site::leaks)
        .reversed()).thenComparing(Site::site).thenComparing(Site::kind));
    return List.copyOf(all.subList(0, Math.min(SHOWN, all.size())));
  }

  private record Key(LeakKind kind, String site) {}

  /**
   * One creation site.
   *
   * @param tests how many tests and containers leaked from it
   * @param leaks how many leaks it made in all
   */
  record Site(LeakKind kind, String site, long tests, long leaks) {}

  /** The HTML section, or empty when no site leaked. */
  static String html(List<Site> sites) {
    if (sites == null || sites.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<section><h2>Leaks by site</h2><table id=\"sites\"><thead><tr>"
        + "<th>site</th><th>kind</th><th>tests</th><th>leaks</th></tr></thead><tbody>");
    for (Site s : sites) {
      html.append("<tr><td><code>").append(HtmlRows.escape(s.site())).append("</code></td><td>")
          .append(s.kind().name()).append("</td><td>").append(Text.number(s.tests())).append("</td><td>")
          .append(Text.number(s.leaks())).append("</td></tr>");
    }
    return html.append("</tbody></table></section>\n").toString();
  }
}
