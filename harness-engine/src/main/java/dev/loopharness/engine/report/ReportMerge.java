package dev.loopharness.engine.report;

import dev.loopharness.api.LeakKind;
import dev.loopharness.config.LeakPolicy;
import dev.loopharness.engine.baseline.LeakBaseline;
import dev.loopharness.engine.report.ReportDocument.Records;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges report documents (the parts the JVMs of a build write, or the reports of CI shards) into
 * one {@code report.json} and {@code report.html}, each written to a temporary file and moved
 * into place, so a reader sees the old report or the new one. Nothing is dropped silently: a test
 * found in more than one input is kept once, from the last input (a rerun wins), and counted in
 * {@code duplicates}; an input whose JVMs all appeared in an earlier input is skipped as a copy
 * and named in {@code skippedInputs}. Memory holds the ids of the tests, not the records.
 */
final class ReportMerge {
  /** What a merge wrote. */
  record Result(RunTotals.Snapshot totals, long duplicates, List<Path> skippedInputs,
      List<Map<String, Object>> jvms) {}

  private final List<ReportDocument> inputs = new ArrayList<>();
  private final List<Path> skipped = new ArrayList<>();
  private final List<Map<String, Object>> jvms = new ArrayList<>();
  private final Map<String, Long> winners = new HashMap<>();
  private final List<Map<String, Object>> baselines = new ArrayList<>();
  private long duplicates;
  // Every record of the kept inputs, counted as read: the totals when nothing needs dropping.
  private RunTotals visited = new RunTotals();
  private boolean counted;

  /**
   * @throws IllegalArgumentException naming the first input that is missing or malformed; then
   *     nothing is written (a malformed record of a single input is found by {@link #write}, before
   *     it writes anything, or at once by {@link #readAll})
   */
  ReportMerge(List<Path> documents) {
    Set<Object> seenJvms = new HashSet<>();
    for (Path file : documents) {
      ReportDocument document = ReportDocument.open(file);
      List<Map<String, Object>> its = document.jvms();
      if (!its.isEmpty() && its.stream().allMatch(jvm -> seenJvms.contains(jvm.get("id")))) {
        skipped.add(file);
        continue;
      }
      inputs.add(document);
      if (document.baseline() != null) {
        baselines.add(document.baseline());
      }
      for (Map<String, Object> jvm : its) {
        if (seenJvms.add(jvm.get("id"))) {
          jvms.add(jvm);
        }
      }
    }
    if (inputs.size() != 1) {
      count();
    }
  }

  /**
   * Reads every record now (a single input is otherwise read only when it is written, and not at
   * all when its tests are copied from a session's rows), so that a malformed one is found before
   * anything, the target directory included, is made.
   */
  ReportMerge readAll() {
    if (!counted) {
      count();
    }
    return this;
  }

  // Every record read once: which of a test's results is kept (the last), and the totals.
  private void count() {
    for (int i = 0; i < inputs.size(); i++) {
      int index = i;
      long[] ordinal = {0};
      inputs.get(i).visit((test, json) -> {
        NodeRecord record = RecordReader.record(json, test);
        if (test) {
          Long previous = winners.put((String) json.get("id"), key(index, ordinal[0]++));
          if (previous != null) {
            duplicates++;
          }
        }
        visited.add(record);
      });
    }
    counted = true;
  }

  /**
   * Writes {@code report.json} (if {@code json}) and {@code report.html} (if {@code html}) into
   * {@code dir}, both from one reading of the tests.
   */
  Result write(Path dir, boolean json, boolean html, Function<LeakKind, LeakPolicy> policies)
      throws IOException {
    return write(dir, json, html, policies, null);
  }

  /**
   * Like {@link #write(Path, boolean, boolean, Function)}; when the only input is the part that
   * {@code rows} follow (a build of this JVM alone), its tests are copied from them.
   */
  Result write(Path dir, boolean json, boolean html, Function<LeakKind, LeakPolicy> policies,
      SessionRows rows) throws IOException {
    if (!counted && rows != null) {
      Result written = writeFromRows(dir, json, html, policies, rows);
      if (written != null) {
        return written;
      }
    }
    if (!counted) {
      count();
    }
    RunTotals.Snapshot totals = totals().finalSnapshot(baseline());
    List<MergedFile.Kept> containers = new ArrayList<>();
    visitKept(Records.CONTAINERS, (record, raw) -> containers.add(new MergedFile.Kept(record, raw)));
    List<MergedFile> files = files(totals, json, html, policies);
    MergedFile.write(dir, files, out -> {
      for (MergedFile f : out) {
        f.start(containers);
      }
      visitKept(Records.TESTS, (record, raw) -> {
        for (MergedFile f : out) {
          f.test(record, raw);
        }
      });
      for (MergedFile f : out) {
        f.end();
      }
    });
    return new Result(totals, duplicates, List.copyOf(skipped), List.copyOf(jvms));
  }

  private List<MergedFile> files(RunTotals.Snapshot totals, boolean json, boolean html,
      Function<LeakKind, LeakPolicy> policies) {
    Instant finished = complete() ? latest("finished") : null;
    MergedFile.Merge merge = new MergedFile.Merge(totals, earliest("started"), finished,
        single("build"), List.copyOf(distinct("shard")), jvms, duplicates, skipped, scope(finished));
    List<MergedFile> files = new ArrayList<>();
    if (json) {
      files.add(new MergedJson(merge));
    }
    if (html) {
      files.add(new MergedHtml(merge, policies, json));
    }
    return files;
  }

  /**
   * The single input's containers read, its tests copied from {@code rows}; null, having written
   * nothing, if the rows do not hold every test of the input or lack a file the merge writes.
   */
  private Result writeFromRows(Path dir, boolean json, boolean html,
      Function<LeakKind, LeakPolicy> policies, SessionRows rows) throws IOException {
    if (inputs.size() != 1 || !skipped.isEmpty() || !inputs.get(0).file().equals(rows.part())
        || (json && rows.json() == null) || (html && rows.html() == null)
        || !Long.valueOf(rows.tests()).equals(jvms.get(0).get("tests"))) {
      return null;
    }
    RunTotals totals = new RunTotals();
    List<MergedFile.Kept> containers = new ArrayList<>();
    inputs.get(0).visit(Records.CONTAINERS, (test, raw) -> {
      NodeRecord record = RecordReader.record(raw, false);
      totals.add(record);
      containers.add(new MergedFile.Kept(record, raw));
    });
    if (!totals.addAll(rows.totals())) {
      return null;
    }
    visited = totals;
    counted = true;
    RunTotals.Snapshot snapshot = totals.finalSnapshot(baseline());
    MergedFile.write(dir, files(snapshot, json, html, policies), out -> {
      for (MergedFile f : out) {
        f.start(containers);
        f.copyTests(rows);
        f.end();
      }
    });
    return new Result(snapshot, duplicates, List.copyOf(skipped), List.copyOf(jvms));
  }

  // In canonical order (every container, then every test) unless one input held no duplicate:
  // then the records as read are the records kept, in that order.
  private RunTotals totals() throws IOException {
    if (inputs.size() == 1 && duplicates == 0) {
      return visited;
    }
    RunTotals totals = new RunTotals();
    visitKept(Records.CONTAINERS, (record, raw) -> totals.add(record));
    visitKept(Records.TESTS, (record, raw) -> totals.add(record));
    return totals;
  }

  /** One line naming what the report covers: JVMs, shards, and whether every JVM finished. */
  String scope(Instant finished) {
    long running = jvms.stream().filter(jvm -> !Boolean.TRUE.equals(jvm.get("complete"))).count();
    Set<String> shards = distinct("shard");
    String text = jvms.size() + (jvms.size() == 1 ? " JVM" : " JVMs")
        + (shards.isEmpty() ? "" : " · shard " + String.join(", ", shards));
    if (running > 0) {
      text += " · " + running + " still running or stopped before the end";
    }
    if (duplicates > 0) {
      text += " · " + duplicates + " duplicate test results (the last kept)";
    }
    return text;
  }

  private interface KeptVisitor {
    void accept(NodeRecord record, Map<String, Object> raw) throws IOException;
  }

  private void visitKept(Records which, KeptVisitor visitor) throws IOException {
    for (int i = 0; i < inputs.size(); i++) {
      int index = i;
      long[] ordinal = {0};
      IOException[] failure = {null};
      inputs.get(i).visit(which, (test, json) -> {
        if (failure[0] != null || (test && winners.get((String) json.get("id")) != key(index, ordinal[0]++))) {
          return;
        }
        try {
          visitor.accept(RecordReader.record(json, test), json);
        } catch (IOException e) {
          failure[0] = e;
        }
      });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
  }

  // The JVMs of a build (or the shards of a suite) each saw part of the tests: an entry is fixed
  // only if no JVM saw it, so "fixed" is what every JVM's list has in common; counts add up.
  private LeakBaseline.Outcome baseline() {
    LeakBaseline.Outcome all = null;
    for (Map<String, Object> json : baselines) {
      LeakBaseline.Outcome one = outcome(json);
      if (all == null) {
        all = one;
      } else {
        List<String> fixed = new ArrayList<>(all.fixed());
        fixed.retainAll(one.fixed());
        all = new LeakBaseline.Outcome(all.file(), all.written() || one.written(),
            all.known() + one.known(), all.newLeaks() + one.newLeaks(), fixed);
      }
    }
    return all;
  }

  private static LeakBaseline.Outcome outcome(Map<String, Object> json) {
    List<String> fixed = new ArrayList<>();
    if (json.get("fixed") instanceof List<?> list) {
      list.forEach(entry -> fixed.add(String.valueOf(entry)));
    }
    return new LeakBaseline.Outcome(RecordReader.text(json, "file", false),
        Boolean.TRUE.equals(json.get("written")), RecordReader.number(json.getOrDefault("known", 0L), "baseline.known"),
        RecordReader.number(json.getOrDefault("new", 0L), "baseline.new"), fixed);
  }

  private boolean complete() {
    return !jvms.isEmpty() && jvms.stream().allMatch(jvm -> Boolean.TRUE.equals(jvm.get("complete")));
  }

  private Instant earliest(String field) {
    return jvms.stream().map(jvm -> jvm.get(field)).filter(String.class::isInstance)
        .map(t -> Instant.parse((String) t)).min(Instant::compareTo).orElse(null);
  }

  private Instant latest(String field) {
    return jvms.stream().map(jvm -> jvm.get(field)).filter(String.class::isInstance)
        .map(t -> Instant.parse((String) t)).max(Instant::compareTo).orElse(null);
  }

  private String single(String field) {
    Set<String> values = distinct(field);
    return values.size() == 1 ? values.iterator().next() : null;
  }

  private Set<String> distinct(String field) {
    Set<String> values = new LinkedHashSet<>();
    jvms.forEach(jvm -> {
      if (jvm.get(field) instanceof String value) {
        values.add(value);
      }
    });
    return values;
  }

  private static long key(int input, long ordinal) {
    return ((long) input << 40) | ordinal;
  }
}
